import Testing
@testable import FragmentService
import HummingbirdTesting
