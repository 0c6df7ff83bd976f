#ifndef CSMS_TOOLS_MAN_ROFF_H_
#define CSMS_TOOLS_MAN_ROFF_H_

// The little roff that the manual pages of csms and csms-emulator need, each
// written by its program (--man) from the text its --help prints, so that a
// page cannot drift from the help. Header-only: the emulator is built without
// the tool.

#include <string>

namespace csms_man {

/// One line of text for roff: backslashes kept, '-' as \- (so that a flag
/// copied from the rendered page is what was typed), and a leading '.' or '\''
/// not taken for a request.
inline std::string Escape(const std::string& line) {
  std::string out;
  if (!line.empty() && (line[0] == '.' || line[0] == '\'')) out = "\\&";
  for (const char c : line) {
    if (c == '\\') {
      out += "\\e";
    } else if (c == '-') {
      out += "\\-";
    } else {
      out += c;
    }
  }
  return out;
}

/// text ('\n'-separated lines) shown as it is, line by line (help columns).
inline std::string NoFill(const std::string& text) {
  std::string out = ".nf\n";
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = text.find('\n', at);
    if (end == std::string::npos) end = text.size();
    out += Escape(text.substr(at, end - at)) + "\n";
    at = end + 1;
  }
  return out + ".fi\n";
}

/// text ('\n'-separated lines) as one filled paragraph.
inline std::string Paragraph(const std::string& text) {
  std::string out = ".PP\n";
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = text.find('\n', at);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(at, end - at);
    // Leading blanks would break the line in fill mode.
    line.erase(0, line.find_first_not_of(' '));
    if (!line.empty()) out += Escape(line) + "\n";
    at = end + 1;
  }
  return out;
}

/// The page's first lines: title, then no hyphenation and a ragged right
/// margin (flags must not be split or stretched).
inline std::string Title(const std::string& name, const std::string& source) {
  return ".TH " + name + " 1 \"\" \"" + Escape(source) + "\" \"User Commands\"\n.nh\n.ad l\n";
}

}  // namespace csms_man

#endif  // CSMS_TOOLS_MAN_ROFF_H_
