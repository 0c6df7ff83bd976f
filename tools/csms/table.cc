#include "table.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <ctime>

namespace csms_tool {
namespace {

std::string Cell(const std::string& s) { return s.empty() ? "-" : OneLine(s); }

}  // namespace

Table::Table(std::vector<std::string> headers) { rows_.push_back(std::move(headers)); }

void Table::AddRow(std::vector<std::string> cells) {
  for (auto& cell : cells) cell = Cell(cell);
  cells.resize(rows_[0].size());
  rows_.push_back(std::move(cells));
}

void Table::Print(std::ostream& out) const {
  std::vector<std::size_t> widths(rows_[0].size(), 0);
  for (const auto& row : rows_) {
    for (std::size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], row[i].size());
  }
  for (const auto& row : rows_) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      // No padding after the last column: trailing blanks only get in the way.
      if (i + 1 < row.size()) line.append(widths[i] - row[i].size() + 2, ' ');
    }
    out << line << '\n';
  }
}

void PrintFields(std::ostream& out,
                 const std::vector<std::pair<std::string, std::string>>& fields) {
  std::size_t width = 0;
  for (const auto& field : fields) width = std::max(width, field.first.size() + 1);
  for (const auto& [label, value] : fields) {
    std::string line = label + ":";
    line.append(width - line.size() + 2, ' ');
    out << line << Cell(value) << '\n';
  }
}

std::string FormatTimestamp(csms::Timestamp time) {
  using std::chrono::milliseconds;
  using std::chrono::seconds;
  if (time == csms::Timestamp{}) return "-";
  const auto since_epoch = std::chrono::floor<milliseconds>(time.time_since_epoch());
  const auto whole = std::chrono::floor<seconds>(since_epoch);
  const auto millis = (since_epoch - whole).count();
  const std::time_t t = static_cast<std::time_t>(whole.count());
  std::tm tm{};
  if (gmtime_r(&t, &tm) == nullptr) return "-";
  char buffer[40];
  std::size_t n = std::strftime(buffer, sizeof(buffer), "%Y-%m-%dT%H:%M:%S", &tm);
  std::string out(buffer, n);
  if (millis != 0) {
    char fraction[8];
    std::snprintf(fraction, sizeof(fraction), ".%03d", static_cast<int>(millis));
    out += fraction;
  }
  return out + "Z";
}

std::string FormatTimestamp(const std::optional<csms::Timestamp>& time) {
  return time ? FormatTimestamp(*time) : "-";
}

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += ", ";
    out += item;
  }
  return out;
}

namespace {

// The length of the UTF-8 sequence starting at s[i] when it is well formed
// (shortest form, no surrogates, at most U+10FFFF), else 0.
std::size_t SequenceLength(const std::string& s, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char lead = byte(i);
  std::size_t n = 0;
  unsigned char lo = 0x80;
  unsigned char hi = 0xbf;
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) {
    n = 2;
  } else if (lead >= 0xe0 && lead <= 0xef) {
    n = 3;
    if (lead == 0xe0) lo = 0xa0;
    if (lead == 0xed) hi = 0x9f;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    n = 4;
    if (lead == 0xf0) lo = 0x90;
    if (lead == 0xf4) hi = 0x8f;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
  for (std::size_t k = 2; k < n; ++k) {
    if (byte(i + k) < 0x80 || byte(i + k) > 0xbf) return 0;
  }
  return n;
}

// Code points a terminal acts on instead of showing: C1 controls (U+009B is
// CSI, which starts an escape sequence), the line and paragraph separators,
// and the bidi controls that reorder what follows them on the line.
bool IsInvisibleControl(std::uint32_t cp) {
  return (cp >= 0x80 && cp <= 0x9f) || cp == 0x2028 || cp == 0x2029 || cp == 0x200e ||
         cp == 0x200f || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

std::uint32_t Decode(const std::string& s, std::size_t i, std::size_t n) {
  const auto lead = static_cast<unsigned char>(s[i]);
  std::uint32_t cp = n == 2 ? (lead & 0x1fu) : n == 3 ? (lead & 0x0fu) : (lead & 0x07u);
  for (std::size_t k = 1; k < n; ++k)
    cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3fu);
  return cp;
}

}  // namespace

std::string OneLine(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = SequenceLength(s, i);
    if (n == 0) {
      // A byte outside any well-formed sequence: a terminal in an 8-bit mode
      // would read 0x80..0x9f as a C1 control.
      out += ' ';
      ++i;
      continue;
    }
    const auto lead = static_cast<unsigned char>(s[i]);
    const bool control =
        n == 1 ? (lead < 0x20 || lead == 0x7f) : IsInvisibleControl(Decode(s, i, n));
    if (control) {
      out += ' ';
    } else {
      out.append(s, i, n);
    }
    i += n;
  }
  return out;
}

}  // namespace csms_tool
