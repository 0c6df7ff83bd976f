#ifndef CSMS_TOOLS_CSMS_PASSWORD_INPUT_H_
#define CSMS_TOOLS_CSMS_PASSWORD_INPUT_H_

// Where csms --auth password gets the password: a file, or the terminal with
// echo off. Never the command line (other users see it in ps and /proc, and
// the shell keeps it in its history).

#include <string>
#include <vector>

namespace csms_tool {

/// @throws UsageError when args (up to a lone "--") hold --password or
///         --password=...; the message says why and what to use instead and
///         never repeats the value.
void RefusePasswordOnCommandLine(const std::vector<std::string>& args);

/// The first line of the file at path, without its line end (at most 4 KiB).
/// @throws UsageError naming the path (never the contents) when it cannot be
///         read, is too large or holds an empty first line.
std::string ReadPasswordFile(const std::string& path);

/// Asks for the password on the terminal (the prompt on standard error, the
/// answer read from standard input with echo off).
/// @throws UsageError when standard input is not a terminal (say what to use
///         instead) or the answer is empty.
std::string PromptPassword(const std::string& prompt);

}  // namespace csms_tool

#endif  // CSMS_TOOLS_CSMS_PASSWORD_INPUT_H_
