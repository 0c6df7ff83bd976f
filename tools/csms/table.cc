#include "table.h"

#include <algorithm>
#include <chrono>
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

std::string OneLine(const std::string& s) {
  std::string out = s;
  for (char& c : out) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) c = ' ';
  }
  return out;
}

}  // namespace csms_tool
