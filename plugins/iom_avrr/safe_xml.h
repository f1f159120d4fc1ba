// Parses a partner's XML with every door to the outside shut. IOM's format
// forbids DTDs, entity declarations, external references and XInclude, and
// so does this file, three times over:
//  1. before parsing, the raw bytes are refused if they hold "<!DOCTYPE" or
//     "<!ENTITY", a NUL byte, or invalid UTF-8 (so no UTF-16 trickery gets
//     past the byte scan: the parser is told the input is UTF-8);
//  2. libxml2 parses with XML_PARSE_NONET and without NOENT, DTDLOAD,
//     DTDATTR, XINCLUDE or HUGE, so nothing is fetched or expanded and the
//     default depth and size limits hold;
//  3. after parsing, a document with an internal or external subset, or any
//     entity, DTD or XInclude node or element anywhere, is refused.
// libxml2's own messages can quote the document, so they are never passed
// on (nor printed: each parse has its own error handler); errors give a line
// number and a reason of ours.
//
// Thread-safety: thread-safe once xmlInitParser() has run (the plugin's
// constructor calls it); each call uses its own parser context.
#ifndef ROSA_PLUGINS_IOM_AVRR_SAFE_XML_H_
#define ROSA_PLUGINS_IOM_AVRR_SAFE_XML_H_

#include <libxml/tree.h>

#include <memory>
#include <string_view>

#include "rosa/plugin/v1/plugin.pb.h"

namespace rosa::plugin::iom_avrr {

struct XmlDocFree {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using XmlDocPtr = std::unique_ptr<xmlDoc, XmlDocFree>;

struct SafeParse {
  // Null when `error` is set.
  XmlDocPtr doc;
  rosa::plugin::v1::RecordError error;
};

SafeParse ParseSafely(std::string_view bytes);

// The namespaces XInclude has used.
inline constexpr std::string_view kXInclude2001 =
    "http://www.w3.org/2001/XInclude";
inline constexpr std::string_view kXInclude2003 =
    "http://www.w3.org/2003/XInclude";

}  // namespace rosa::plugin::iom_avrr

#endif  // ROSA_PLUGINS_IOM_AVRR_SAFE_XML_H_
