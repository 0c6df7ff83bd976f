#ifndef CSMS_TOOLS_CSMS_TABLE_H_
#define CSMS_TOOLS_CSMS_TABLE_H_

// Output for people: aligned columns, key/value lines, ISO-8601 UTC times.

#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "csms/models.h"

namespace csms_tool {

/// Columns separated by two spaces, each as wide as its widest cell. Empty
/// cells print as "-" so that every row has the same number of words.
class Table {
 public:
  explicit Table(std::vector<std::string> headers);
  void AddRow(std::vector<std::string> cells);
  void Print(std::ostream& out) const;

 private:
  std::vector<std::vector<std::string>> rows_;  // rows_[0] is the header
};

/// "Label:  value" lines with the values aligned; empty values print as "-".
void PrintFields(std::ostream& out, const std::vector<std::pair<std::string, std::string>>& fields);

/// "2020-02-12T11:39:40Z" (".123" before the Z when there are milliseconds);
/// "-" for the epoch itself, which is what an absent wire time decodes to.
std::string FormatTimestamp(csms::Timestamp time);
std::string FormatTimestamp(const std::optional<csms::Timestamp>& time);

/// Items joined with ", ".
std::string Join(const std::vector<std::string>& items);

/// s with every character a terminal would act on rather than show replaced by
/// a space, so that text from the service cannot break a row or an error line,
/// start an escape sequence or reorder the line: C0 controls (newlines
/// included), DEL, C1 controls (U+0080..U+009F), U+2028/U+2029, the bidi
/// controls U+200E/U+200F, U+202A..U+202E, U+2066..U+2069, and any byte that is
/// not part of well-formed UTF-8. Every piece of service-supplied text the tool
/// prints for people (cells, fields, hints, error lines) goes through it.
std::string OneLine(const std::string& s);

}  // namespace csms_tool

#endif  // CSMS_TOOLS_CSMS_TABLE_H_
