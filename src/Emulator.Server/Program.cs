using System.CommandLine;
using Emulator.Server;

// The server handles SIGTERM/Ctrl-C itself (graceful stop, exit 0), so System.CommandLine must not.
return await ServerCommand.Create().Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
