# bash completion for csms. Installed to bash-completion's completions
# directory; or source it from ~/.bashrc.
#
# The tool computes the candidates itself (the hidden `csms __complete WORDS`),
# from the same tables as its parser and help, so that this script never
# needs to change when a command or flag is added. Event and secret names come
# from the service when an endpoint and a project id are configured (flags on
# the line, or CSMS_ENDPOINT / CSMS_REGION and HUAWEICLOUD_SDK_PROJECT_ID): the
# tool gives up after about two seconds and `timeout` bounds it harder, so a
# slow or absent service costs a short wait and offers nothing, never a hang
# or an error message in the shell.

_csms() {
  local cur=${COMP_WORDS[COMP_CWORD]}
  local -a words=("${COMP_WORDS[@]:1:COMP_CWORD}")
  local -a candidates=()
  # One candidate a line, taken as printed: mapfile neither splits a line nor
  # expands glob characters in it (a name or file name such as "x[1]" or "*"
  # must not turn into the files it matches in the current directory).
  if type -P timeout >/dev/null; then
    mapfile -t candidates < <(timeout 3 "${COMP_WORDS[0]}" __complete "${words[@]}" 2>/dev/null </dev/null)
  else
    mapfile -t candidates < <("${COMP_WORDS[0]}" __complete "${words[@]}" 2>/dev/null </dev/null)
  fi
  if [[ ${#candidates[@]} -eq 1 && ${candidates[0]} == ":file" ]]; then
    compopt -o filenames 2>/dev/null
    mapfile -t COMPREPLY < <(compgen -f -- "$cur")
    return 0
  fi
  COMPREPLY=("${candidates[@]}")
  return 0
}

complete -F _csms csms
