import SocialCore
import CLibXML2
