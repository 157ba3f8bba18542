namespace CloudFilm.Api.Tests;

public class SmokeTests
{
    [Fact]
    public void Assembly_loads() => typeof(SmokeTests).Assembly.GetName().Name.Should().Be("CloudFilm.Api.Tests");
}
