// cfdicom: command-line access to the CloudFilm DICOM toolkit. Subcommands are added with the toolkit.
Console.Error.WriteLine("usage: cfdicom <command> [arguments]");
return 2;
