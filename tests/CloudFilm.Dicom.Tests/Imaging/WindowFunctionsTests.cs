using CloudFilm.Dicom.Imaging;

namespace CloudFilm.Dicom.Tests.Imaging;

public class WindowFunctionsTests
{
    // c = 40, w = 400: the LINEAR bounds are c − 0.5 ∓ (w − 1)/2 = −160 and 239.
    [Theory]
    [InlineData(-1000, 0)]
    [InlineData(-160, 0)]
    [InlineData(239.0001, 1)]
    [InlineData(5000, 1)]
    public void Linear_saturates_outside_the_offset_bounds(double x, double expected) =>
        WindowFunctions.Linear(x, 40, 400).Should().Be(expected);

    [Fact]
    public void Linear_reaches_exactly_one_at_the_upper_bound_and_just_above_zero_past_the_lower()
    {
        WindowFunctions.Linear(239, 40, 400).Should().BeApproximately(1, 1e-12);
        WindowFunctions.Linear(-159.999, 40, 400).Should().BeApproximately(0.001 / 399, 1e-9);
    }

    [Fact]
    public void Linear_maps_the_centre_minus_half_to_the_middle()
    {
        WindowFunctions.Linear(39.5, 40, 400).Should().BeApproximately(0.5, 1e-12);
        WindowFunctions.Linear(40, 40, 400).Should().BeApproximately(0.5 + 0.5 / 399, 1e-12);
    }

    [Fact]
    public void Linear_with_width_one_is_a_threshold_at_centre_minus_half()
    {
        WindowFunctions.Linear(99.5, 100, 1).Should().Be(0);
        WindowFunctions.Linear(99.51, 100, 1).Should().Be(1);
        WindowFunctions.Linear(100, 100, 1).Should().Be(1);
    }

    [Fact]
    public void Linear_with_width_below_one_uses_linear_exact()
    {
        WindowFunctions.Linear(100, 100, 0.5).Should().Be(WindowFunctions.LinearExact(100, 100, 0.5));
        WindowFunctions.Linear(100.1, 100, 0.5).Should().BeApproximately(0.7, 1e-12);
    }

    [Theory]
    [InlineData(-200, 0)]
    [InlineData(-160, 0)]
    [InlineData(-159, 0.0025)]
    [InlineData(40, 0.5)]
    [InlineData(240, 1)]
    [InlineData(240.001, 1)]
    public void LinearExact_uses_centre_plus_minus_half_width(double x, double expected) =>
        WindowFunctions.LinearExact(x, 40, 400).Should().BeApproximately(expected, 1e-12);

    [Fact]
    public void Sigmoid_is_half_at_the_centre_and_follows_the_logistic_formula()
    {
        WindowFunctions.Sigmoid(40, 40, 400).Should().BeApproximately(0.5, 1e-12);
        WindowFunctions.Sigmoid(140, 40, 400).Should().BeApproximately(1 / (1 + Math.Exp(-1)), 1e-12);
        WindowFunctions.Sigmoid(-60, 40, 400).Should().BeApproximately(1 / (1 + Math.Exp(1)), 1e-12);
    }

    [Fact]
    public void Zero_width_exact_and_sigmoid_become_a_threshold()
    {
        WindowFunctions.LinearExact(9, 10, 0).Should().Be(0);
        WindowFunctions.LinearExact(10, 10, 0).Should().Be(1);
        WindowFunctions.Sigmoid(9, 10, 0).Should().Be(0);
        WindowFunctions.Sigmoid(10, 10, 0).Should().Be(1);
    }

    [Theory]
    [InlineData(-1024, 3071)]
    [InlineData(0, 255)]
    [InlineData(7, 7)]
    public void MinMax_window_maps_minimum_to_zero_and_maximum_to_one(double min, double max)
    {
        var window = WindowFunctions.MinMax(min, max);
        WindowFunctions.Linear(min, window.Center, window.Width).Should().Be(0);
        if (max > min)
        {
            WindowFunctions.Linear(max, window.Center, window.Width).Should().BeApproximately(1, 1e-12);
            WindowFunctions.Linear(max - 1, window.Center, window.Width).Should().BeLessThan(1);
        }
    }
}
