// `yeastar completion bash|zsh`: a completion script written from the command tree itself (so
// from the spec), completing APIs, families, actions, flags and the values of --output, --region
// and the shells. It is static, so pressing Tab starts no node process. zsh loads the same
// function through its bash compatibility layer (bashcompinit).
import type { Command } from "commander";
import { FORMATS } from "./output.js";

export const SHELLS = ["bash", "zsh"] as const;

interface Entry {
  path: string;
  subcommands: string[];
  flags: string[];
}

function walk(command: Command, path: string[], out: Entry[], valueFlags: Set<string>): void {
  const flags: string[] = [];
  for (const option of command.options) {
    if (option.hidden || !option.long) continue;
    flags.push(option.long);
    if (option.required || option.optional) {
      valueFlags.add(option.long);
      if (option.short) valueFlags.add(option.short);
    }
  }
  const subcommands = command.commands.filter((c) => !(c as Command & { _hidden?: boolean })._hidden).map((c) => c.name());
  out.push({ path: path.join(" "), subcommands, flags });
  for (const sub of command.commands) walk(sub, [...path, sub.name()], out, valueFlags);
}

const quote = (text: string) => `"${text.replace(/["\\$`]/g, "\\$&")}"`;

/** The bash completion function for `program`, its global flags offered at every level. */
export function bashFunction(program: Command, regions: string[]): string {
  const entries: Entry[] = [];
  const valueFlags = new Set<string>();
  walk(program, [], entries, valueFlags);
  const globals = entries[0]!.flags;
  // Deepest first, so a leaf's own case wins over its parents' once arguments follow it.
  const cases = entries
    .slice()
    .sort((a, b) => b.path.split(" ").length - a.path.split(" ").length)
    .map((e) => {
      const pattern = e.path === "" ? '""' : `${quote(e.path)}|${quote(`${e.path} `)}*`;
      const flags = [...new Set([...e.flags, ...globals, "--help"])];
      return `    ${pattern}) subs=${quote(e.subcommands.join(" "))}; flags=${quote(flags.join(" "))};;`;
    });
  return `_yeastar() {
  local cur prev words="" skip=0 i subs="" flags=""
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  case "$prev" in
    --output|-o) COMPREPLY=( $(compgen -W ${quote(FORMATS.join(" "))} -- "$cur") ); return 0;;
    --region) COMPREPLY=( $(compgen -W ${quote(regions.join(" "))} -- "$cur") ); return 0;;
    completion) COMPREPLY=( $(compgen -W "bash zsh" -- "$cur") ); return 0;;
    --data) COMPREPLY=( $(compgen -f -- "\${cur#@}" | sed 's/^/@/') ); return 0;;
  esac
  # The command so far: the words before the cursor that are neither flags nor flag values.
  for ((i=1; i<COMP_CWORD; i++)); do
    if [[ $skip == 1 ]]; then skip=0; continue; fi
    case "\${COMP_WORDS[i]}" in
      ${[...valueFlags].join("|")}) skip=1;;
      -*) ;;
      *) words="$words \${COMP_WORDS[i]}";;
    esac
  done
  words="\${words# }"
  case "$words" in
${cases.join("\n")}
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=( $(compgen -W "$flags" -- "$cur") )
  else
    COMPREPLY=( $(compgen -W "$subs" -- "$cur") )
  fi
  return 0
}
`;
}

export function completionScript(shell: (typeof SHELLS)[number], program: Command, regions: string[]): string {
  const fn = bashFunction(program, regions);
  if (shell === "bash") return `# yeastar completion for bash. Load it with: source <(yeastar completion bash)\n${fn}complete -F _yeastar yeastar\n`;
  return (
    "#compdef yeastar\n# yeastar completion for zsh. Load it with: source <(yeastar completion zsh)\n" +
    "autoload -U +X bashcompinit && bashcompinit\n" +
    `${fn}complete -F _yeastar yeastar\n`
  );
}
