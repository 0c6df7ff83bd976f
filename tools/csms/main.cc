// The csms command-line tool; see docs/cli.md.

#include <iostream>
#include <string>
#include <vector>

#include "cli.h"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  return csms_tool::Run(args, std::cout, std::cerr);
}
