import Sandbox

await SandboxCommand.main()
