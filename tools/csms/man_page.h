#ifndef CSMS_TOOLS_CSMS_MAN_PAGE_H_
#define CSMS_TOOLS_CSMS_MAN_PAGE_H_

// csms(1), written by the hidden csms --man at build time from the help's own
// source (help.h, global_flags.h): every command's --help text is in it.

#include <string>

namespace csms_tool {

/// The whole manual page, in roff (man macros).
std::string ManPage();

}  // namespace csms_tool

#endif  // CSMS_TOOLS_CSMS_MAN_PAGE_H_
