import FragmentService

await SocialServiceCommand.runFromCommandLine()
