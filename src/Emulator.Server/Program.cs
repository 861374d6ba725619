using Emulator.Server;

return await ServerCommand.Create().Parse(args).InvokeAsync();
