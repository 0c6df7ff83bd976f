#include "man_page.h"

#include "csms/version.h"
#include "global_flags.h"
#include "help.h"
#include "roff.h"

namespace csms_tool {
namespace {

std::string Bold(const std::string& text) { return "\\fB" + csms_man::Escape(text) + "\\fR"; }

// One subsection per command, in help order, subgroups after their group's commands.
std::string Commands(const Group& group, const std::string& path) {
  std::string roff = ".SS " + Bold(path) + "\n" + csms_man::Paragraph(group.summary + ".");
  for (const Command& command : group.commands) {
    roff += ".SS " + Bold(path + " " + command.name) + "\n" + csms_man::NoFill(command.usage);
  }
  for (const Group* sub : group.subgroups) roff += Commands(*sub, path + " " + sub->name);
  return roff;
}

}  // namespace

std::string ManPage() {
  const ToolText& text = Text();
  std::string roff = csms_man::Title("CSMS", std::string("csms ") + csms::Version());
  roff += ".SH NAME\ncsms \\- command-line client of Huawei Cloud CSMS secret events\n";
  roff += ".SH SYNOPSIS\n" + csms_man::NoFill(text.synopsis);
  roff += ".SH DESCRIPTION\n" + csms_man::Paragraph(text.description);
  roff += csms_man::Paragraph(
      "-h or --help works at every level (csms --help, csms GROUP --help,\n"
      "csms GROUP COMMAND --help) and prints what this page says about it.");
  roff +=
      ".SH OPTIONS\n" + csms_man::Paragraph("Global flags go before GROUP, or after the command.");
  for (const GlobalFlag& flag : GlobalFlags()) {
    std::string help;
    for (const std::string& line : flag.help) help += line + "\n";
    roff += ".TP\n" + Bold(FlagTitle(flag)) + "\n" +
            csms_man::Paragraph(help).substr(sizeof(".PP\n") - 1);
  }
  roff += ".SH COMMANDS\n";
  for (const Group* group : Groups()) roff += Commands(*group, "csms " + group->name);
  roff += ".SH ENVIRONMENT\n" + csms_man::NoFill(text.credentials);
  roff += ".SH \"EXIT STATUS\"\n" + csms_man::Paragraph(text.exit_codes);
  roff += ".SH \"SEE ALSO\"\n.BR csms\\-emulator (1)\n";
  return roff;
}

}  // namespace csms_tool
