import Crypto
import CryptoExtras
import AsyncHTTPClient
import Logging
