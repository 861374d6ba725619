using IntegrationsApiEmulator.Core;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationsApiEmulator.Tests.ControlPlane;

public sealed class VirtualClockTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Runs_with_real_time_until_frozen_then_holds()
    {
        var real = new FakeTimeProvider(Start);
        using var clock = new VirtualClock(real);

        real.Advance(TimeSpan.FromMinutes(1));
        clock.GetUtcNow().Should().Be(Start.AddMinutes(1));

        clock.Freeze();
        real.Advance(TimeSpan.FromMinutes(5));
        clock.GetUtcNow().Should().Be(Start.AddMinutes(1));
        clock.IsFrozen.Should().BeTrue();

        clock.Unfreeze();
        real.Advance(TimeSpan.FromMinutes(2));
        clock.GetUtcNow().Should().Be(Start.AddMinutes(3));
    }

    [Fact]
    public void Advance_and_set_move_time_frozen_or_not()
    {
        var real = new FakeTimeProvider(Start);
        using var clock = new VirtualClock(real);

        clock.Advance(TimeSpan.FromHours(1));
        clock.GetUtcNow().Should().Be(Start.AddHours(1));
        clock.Set(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        clock.GetUtcNow().Should().Be(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        clock.Freeze();
        clock.Advance(TimeSpan.FromDays(1));
        clock.GetUtcNow().Should().Be(new DateTimeOffset(2030, 1, 2, 0, 0, 0, TimeSpan.Zero));
        var back = () => clock.Advance(TimeSpan.FromSeconds(-1));
        back.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public async Task A_timer_fires_when_the_clock_is_advanced_past_it_and_not_before()
    {
        using var clock = new VirtualClock(new FakeTimeProvider(Start));
        clock.Freeze();
        var fired = new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var timer = clock.CreateTimer(_ => fired.TrySetResult(clock.GetUtcNow()), null, TimeSpan.FromHours(1), Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromMinutes(59));
        await Task.Delay(50);
        fired.Task.IsCompleted.Should().BeFalse();

        clock.Advance(TimeSpan.FromMinutes(2));
        (await fired.Task.WaitAsync(TimeSpan.FromSeconds(5))).Should().Be(Start.AddMinutes(61));
    }

    [Fact]
    public async Task A_timer_fires_on_its_own_when_running_time_reaches_it()
    {
        using var clock = new VirtualClock();
        var fired = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var timer = clock.CreateTimer(_ => fired.TrySetResult(), null, TimeSpan.FromMilliseconds(30), Timeout.InfiniteTimeSpan);

        await fired.Task.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_disposed_timer_never_fires()
    {
        using var clock = new VirtualClock(new FakeTimeProvider(Start));
        var fired = false;
        var timer = clock.CreateTimer(_ => fired = true, null, TimeSpan.FromMinutes(1), Timeout.InfiniteTimeSpan);
        timer.Dispose();

        clock.Advance(TimeSpan.FromHours(1));
        await Task.Delay(50);

        fired.Should().BeFalse();
    }
}
