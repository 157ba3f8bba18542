Console.WriteLine("dicomnode");
