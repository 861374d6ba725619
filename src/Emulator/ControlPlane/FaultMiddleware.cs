using IntegrationsApiEmulator.Core;
using Microsoft.AspNetCore.Http;

namespace IntegrationsApiEmulator.ControlPlane;

/// <summary>
/// Applies the installed <see cref="FaultRules"/> to vendor requests (not <c>/_emulator</c>): the first rule that
/// matches and fires delays the request (real time), then closes the connection (<c>abort</c>), answers its status in
/// the vendor's error envelope (thrown for <see cref="VendorErrorMiddleware"/> to write), or passes the request on.
/// With no rule installed it costs one read.
/// </summary>
internal sealed class FaultMiddleware(RequestDelegate next, FaultRules rules, VendorDirectory vendors)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (rules.IsEmpty) return next(context);
        var vendor = vendors.Find(context.Request.Path);
        if (vendor is null) return next(context);
        var path = context.Request.Path.Value.AsSpan(vendor.Name.Length + 1);
        var rule = rules.Match(vendor.Name, context.Request.Method, path);
        return rule is null ? next(context) : ApplyAsync(context, vendor, rule);
    }

    private async Task ApplyAsync(HttpContext context, IVendorModule vendor, FaultRuleState rule)
    {
        context.Items[FaultRules.AppliedItem] = rule.Id;
        // Answered before any route authenticates: the journal still names the tenant the credential stands for.
        context.Items[VendorDirectory.TenantItem] = vendor.TenantKeyOf(context.RequestServices, context);
        if (rule.Rule.DelayMs > 0)
        {
            try
            {
                await Task.Delay(rule.Rule.DelayMs, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return; // the client gave up waiting
            }
        }
        if (rule.Rule.Abort)
        {
            context.Abort();
            return;
        }
        if (rule.Rule.Status is { } status)
            throw vendor.Errors.Fault(status, $"Fault injected by the emulator: rule {rule.Id} answers {status} to {context.Request.Method} {context.Request.Path} (DELETE /_emulator/faults/{rule.Id} removes it)");
        await next(context);
    }
}
