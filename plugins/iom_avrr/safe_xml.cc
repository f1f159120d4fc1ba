#include "plugins/iom_avrr/safe_xml.h"

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include <climits>
#include <string>

#include "absl/strings/str_cat.h"
#include "plugins/sdk/text.h"

namespace rosa::plugin::iom_avrr {
namespace {

namespace pv1 = rosa::plugin::v1;

// Parser options: see the header. XML_PARSE_NOCDATA merges CDATA sections
// into text; NOERROR and NOWARNING keep libxml2 from printing anything even
// if our handler were bypassed.
constexpr int kParseOptions = XML_PARSE_NONET | XML_PARSE_NOCDATA |
                              XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                              XML_PARSE_IGNORE_ENC;

struct ParserCtxtFree {
  void operator()(xmlParserCtxt* ctxt) const { xmlFreeParserCtxt(ctxt); }
};

// What the per-parse error handler keeps: the first error's line and code.
// Never libxml2's message, which may quote the document.
struct FirstError {
  bool seen = false;
  int line = 0;
  int code = 0;
};

void OnParseError(void* user_data, xmlErrorPtr error) {
  if (error == nullptr || error->level < XML_ERR_ERROR) return;
  auto* ctxt = static_cast<xmlParserCtxtPtr>(user_data);
  if (ctxt == nullptr || ctxt->_private == nullptr) return;
  auto* first = static_cast<FirstError*>(ctxt->_private);
  if (first->seen) return;
  first->seen = true;
  first->line = error->line;
  first->code = error->code;
}

// A reason of our own for the errors a partner is likely to make.
std::string ReasonFor(int code) {
  switch (code) {
    case XML_ERR_TAG_NAME_MISMATCH:
      return "an end tag does not match its start tag";
    case XML_ERR_TAG_NOT_FINISHED:
    case XML_ERR_LTSLASH_REQUIRED:
    case XML_ERR_GT_REQUIRED:
      return "an element is not closed";
    case XML_ERR_DOCUMENT_EMPTY:
      return "the document is empty";
    case XML_ERR_DOCUMENT_END:
      return "content after the root element";
    case XML_ERR_UNDECLARED_ENTITY:
    case XML_WAR_UNDECLARED_ENTITY:
    case XML_ERR_ENTITYREF_SEMICOL_MISSING:
      return "an entity reference; only &amp; &lt; &gt; &quot; &apos; and "
             "character references are allowed";
    case XML_ERR_ATTRIBUTE_NOT_STARTED:
    case XML_ERR_ATTRIBUTE_NOT_FINISHED:
    case XML_ERR_ATTRIBUTE_WITHOUT_VALUE:
    case XML_ERR_ATTRIBUTE_REDEFINED:
      return "a malformed attribute";
    case XML_ERR_INVALID_CHAR:
    case XML_ERR_INVALID_CHARREF:
      return "a character XML does not allow";
    case XML_NS_ERR_UNDEFINED_NAMESPACE:
      return "a namespace prefix that is not declared";
    case XML_ERR_INTERNAL_ERROR:
    case XML_ERR_NO_MEMORY:
      return "the document could not be parsed";
    default:
      return "not well-formed XML";
  }
}

int LineOf(std::string_view bytes, size_t offset) {
  int line = 1;
  for (size_t i = 0; i < offset && i < bytes.size(); ++i) {
    if (bytes[i] == '\n') ++line;
  }
  return line;
}

pv1::RecordError AtLine(int line, std::string reason) {
  return MakeError(line > 0 ? absl::StrCat("line ", line) : "payload", "",
                   std::move(reason));
}

// The most attributes one element may have. The format's elements have at
// most three (xmlns, version, country); libxml2 2.9 looks for a duplicate
// attribute in time quadratic in their number, so one tag of 100 000
// attributes would hold the worker for seconds.
constexpr int kMaxAttributes = 32;

// The offset just past `end` from `from`, or bytes.size(); `line` counts the
// newlines passed.
size_t SkipPast(std::string_view bytes, size_t from, std::string_view end,
                int& line) {
  size_t at = bytes.find(end, from);
  at = at == std::string_view::npos ? bytes.size() : at + end.size();
  for (size_t k = from; k < at; ++k) line += bytes[k] == '\n';
  return at;
}

// The line of the first tag with more than kMaxAttributes attributes (an
// '=' outside quotes within the tag), or 0. Comments, CDATA sections and
// processing instructions are passed over; a '>' in a quoted value does not
// end the tag.
int LineOfCrowdedTag(std::string_view bytes) {
  int line = 1;
  size_t i = 0;
  while (i < bytes.size()) {
    const char c = bytes[i];
    if (c != '<') {
      line += c == '\n';
      ++i;
    } else if (bytes.substr(i, 4) == "<!--") {
      i = SkipPast(bytes, i, "-->", line);
    } else if (bytes.substr(i, 9) == "<![CDATA[") {
      i = SkipPast(bytes, i, "]]>", line);
    } else if (bytes.substr(i, 2) == "<?") {
      i = SkipPast(bytes, i, "?>", line);
    } else {
      const int tag_line = line;
      int attributes = 0;
      char quote = 0;
      for (++i; i < bytes.size(); ++i) {
        const char d = bytes[i];
        line += d == '\n';
        if (quote != 0) {
          if (d == quote) quote = 0;
        } else if (d == '"' || d == '\'') {
          quote = d;
        } else if (d == '=') {
          if (++attributes > kMaxAttributes) return tag_line;
        } else if (d == '>') {
          ++i;
          break;
        }
      }
    }
  }
  return 0;
}

// Step 1: the raw bytes.
bool CheckBytes(std::string_view bytes, pv1::RecordError& error) {
  if (bytes.empty()) {
    error = MakeError("payload", "", "the payload is empty");
    return false;
  }
  if (bytes.size() > static_cast<size_t>(INT_MAX)) {
    error = MakeError("payload", "", "the payload is too large");
    return false;
  }
  if (size_t nul = bytes.find('\0'); nul != std::string_view::npos) {
    error = AtLine(LineOf(bytes, nul),
                   "a NUL byte; the document must be "
                   "UTF-8");
    return false;
  }
  if (!IsValidUtf8(bytes)) {
    size_t line_start = 0;
    int line = 1;
    while (true) {
      size_t end = bytes.find('\n', line_start);
      if (end == std::string_view::npos) end = bytes.size();
      if (!IsValidUtf8(bytes.substr(line_start, end - line_start)) ||
          end == bytes.size()) {
        break;
      }
      line_start = end + 1;
      ++line;
    }
    error = AtLine(line, "not valid UTF-8");
    return false;
  }
  for (std::string_view banned : {"<!DOCTYPE", "<!ENTITY"}) {
    if (size_t at = bytes.find(banned); at != std::string_view::npos) {
      error = AtLine(LineOf(bytes, at),
                     "DOCTYPE and entity declarations are not allowed");
      return false;
    }
  }
  if (int line = LineOfCrowdedTag(bytes); line > 0) {
    error = AtLine(line, absl::StrCat("an element with more than ",
                                      kMaxAttributes, " attributes"));
    return false;
  }
  return true;
}

bool IsXIncludeNs(const xmlNs* ns) {
  if (ns == nullptr || ns->href == nullptr) return false;
  const std::string_view href(reinterpret_cast<const char*>(ns->href));
  return href == kXInclude2001 || href == kXInclude2003;
}

// Step 3: the tree. Iterative, so depth costs no stack.
bool CheckTree(const xmlDoc* doc, pv1::RecordError& error) {
  if (doc->intSubset != nullptr || doc->extSubset != nullptr) {
    error = MakeError("payload", "", "a DOCTYPE is not allowed");
    return false;
  }
  const xmlNode* node = doc->children;
  while (node != nullptr) {
    bool banned = false;
    switch (node->type) {
      case XML_ELEMENT_NODE:
        banned = IsXIncludeNs(node->ns);
        for (const xmlAttr* a = node->properties; a != nullptr; a = a->next) {
          banned = banned || IsXIncludeNs(a->ns);
          for (const xmlNode* c = a->children; c != nullptr; c = c->next) {
            banned = banned || (c->type != XML_TEXT_NODE);
          }
        }
        break;
      case XML_TEXT_NODE:
      case XML_CDATA_SECTION_NODE:
      case XML_COMMENT_NODE:
      case XML_PI_NODE:
        break;
      default:
        // Entity references and declarations, DTD and XInclude nodes,
        // notations: none belongs in this format.
        banned = true;
        break;
    }
    if (banned) {
      error = AtLine(node->line, "entities, DTDs and XInclude are not allowed");
      return false;
    }
    // Depth first: children, then siblings, then the parent's sibling.
    if (node->type == XML_ELEMENT_NODE && node->children != nullptr) {
      node = node->children;
      continue;
    }
    while (node != nullptr && node->next == nullptr) {
      node = node->parent;
      if (node == nullptr || node->type == XML_DOCUMENT_NODE) {
        node = nullptr;
        break;
      }
    }
    if (node != nullptr) node = node->next;
  }
  return true;
}

}  // namespace

SafeParse ParseSafely(std::string_view bytes) {
  SafeParse result;
  if (!CheckBytes(bytes, result.error)) return result;

  std::unique_ptr<xmlParserCtxt, ParserCtxtFree> ctxt(xmlNewParserCtxt());
  if (ctxt == nullptr || ctxt->sax == nullptr) {
    result.error = MakeError("payload", "", "the document could not be parsed");
    return result;
  }
  // Errors go to this parse's handler, not to libxml2's global one (which
  // prints to stderr) and not to the hub's logs.
  FirstError first;
  ctxt->sax->serror = &OnParseError;
  ctxt->sax->error = nullptr;
  ctxt->sax->warning = nullptr;
  ctxt->_private = &first;
  XmlDocPtr doc(xmlCtxtReadMemory(ctxt.get(), bytes.data(),
                                  static_cast<int>(bytes.size()), nullptr,
                                  "UTF-8", kParseOptions));
  const bool well_formed =
      doc != nullptr && ctxt->wellFormed && ctxt->nsWellFormed && !first.seen;
  if (!well_formed) {
    const int code = first.seen ? first.code : ctxt->lastError.code;
    const int line = first.seen ? first.line : ctxt->lastError.line;
    result.error = AtLine(line, ReasonFor(code));
    return result;
  }
  if (!CheckTree(doc.get(), result.error)) return result;
  result.doc = std::move(doc);
  return result;
}

}  // namespace rosa::plugin::iom_avrr
