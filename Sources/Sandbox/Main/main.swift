import Sandbox

await SandboxCommand.launch()
