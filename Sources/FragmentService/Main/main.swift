import FragmentService
await SocialServiceCommand.main()
