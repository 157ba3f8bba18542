namespace CloudFilm.Tools.CfDicom.Commands;

/// <summary>One cfdicom subcommand. Returns the process exit code; errors for the user go to stderr in one line.</summary>
internal interface ICommand
{
    string Summary { get; }

    Task<int> RunAsync(string[] args);
}
