global using FluentAssertions;
