namespace CloudFilm.Dicom.Interop.Tests;

public class SmokeTests
{
    [Fact]
    public void Assembly_loads() => typeof(SmokeTests).Assembly.GetName().Name.Should().Be("CloudFilm.Dicom.Interop.Tests");
}
