import type { Command } from 'commander';
import { UsageError } from './exit-codes';
import { OUTPUT_FORMATS } from './printer';

interface CompletionEntry {
  /** Words typed so far to reach the command, e.g. `clusters create`; '' for the program. */
  path: string;
  /** What may come next: subcommands, then options. */
  words: string[];
}

const SHELLS = ['bash', 'zsh'] as const;

/** `herd completion bash|zsh`: a completion script of every command and option, generated from the program itself. */
export function registerCompletionCommand(program: Command): void {
  program
    .command('completion <shell>')
    .description(`print a shell completion script (${SHELLS.join(', ')}); e.g. source <(herd completion bash)`)
    .action((shell: string) => {
      const entries = completionEntries(program);
      if (shell === 'bash') process.stdout.write(bashScript(entries));
      else if (shell === 'zsh') process.stdout.write(zshScript(entries));
      else throw new UsageError(`no completion for ${shell}; choose ${SHELLS.join(' or ')}`);
    });
}

function completionEntries(program: Command): CompletionEntry[] {
  const globals = flagsOf(program);
  const walk = (command: Command, path: string): CompletionEntry[] => [
    { path, words: [...command.commands.map((sub) => sub.name()), ...(path === '' ? [] : flagsOf(command)), ...globals] },
    ...command.commands.flatMap((sub) => walk(sub, path === '' ? sub.name() : `${path} ${sub.name()}`)),
  ];
  return walk(program, '');
}

function flagsOf(command: Command): string[] {
  return command.options.flatMap((option) => [option.short, option.long].filter((flag): flag is string => flag !== undefined));
}

/** One `case` arm per command path; paths and words are commander names and flags, so they need no quoting beyond double quotes. */
function caseArms(entries: CompletionEntry[], indent: string, open: string): string {
  return entries.map((entry) => `${indent}${open}"${entry.path}") candidates="${entry.words.join(' ')}" ;;`).join('\n');
}

function knownPaths(entries: CompletionEntry[]): string {
  return entries.filter((entry) => entry.path !== '').map((entry) => `"${entry.path}"`).join('|');
}

function bashScript(entries: CompletionEntry[]): string {
  return `# bash completion for herd; load it with: source <(herd completion bash)
_herd() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" cmdpath="" word candidates="" i
  if [[ "$prev" == "-o" || "$prev" == "--output" ]]; then
    COMPREPLY=($(compgen -W "${OUTPUT_FORMATS.join(' ')}" -- "$cur"))
    return
  fi
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="\${COMP_WORDS[i]}"
    case "\${cmdpath:+$cmdpath }$word" in
      ${knownPaths(entries)}) cmdpath="\${cmdpath:+$cmdpath }$word" ;;
    esac
  done
  case "$cmdpath" in
${caseArms(entries, '    ', '')}
  esac
  COMPREPLY=($(compgen -W "$candidates" -- "$cur"))
}
complete -o default -F _herd herd
`;
}

function zshScript(entries: CompletionEntry[]): string {
  return `#compdef herd
# zsh completion for herd; load it with: source <(herd completion zsh)
_herd() {
  local cmdpath="" word candidates="" i
  if [[ "\${words[CURRENT-1]}" == "-o" || "\${words[CURRENT-1]}" == "--output" ]]; then
    compadd -- ${OUTPUT_FORMATS.join(' ')}
    return
  fi
  for ((i = 2; i < CURRENT; i++)); do
    word="\${words[i]}"
    case "\${cmdpath:+$cmdpath }$word" in
      (${knownPaths(entries)}) cmdpath="\${cmdpath:+$cmdpath }$word" ;;
    esac
  done
  case "$cmdpath" in
${caseArms(entries, '    ', '(')}
  esac
  compadd -- \${=candidates}
}
if (( $+functions[compdef] )); then compdef _herd herd; fi
`;
}
