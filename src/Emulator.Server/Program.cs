using Emulator.Server;

return await ServerCommand.InvokeAsync(args);
