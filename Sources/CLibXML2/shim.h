#include <libxml/xmlversion.h>
// Debian builds libxml2 with ICU, so its encoding.h pulls in the system's <unicode/ucnv.h>, whose
// enums clash with the ICU copy inside swift-corelibs-foundation. We never touch ICU-specific
// fields of libxml2's structs, so hide that include.
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/encoding.h>
