/**
 * Words a shell runs itself: a step needs no program on `PATH` for them.
 * bash's builtins and keywords, which cover dash's and most of zsh's.
 */
export const shellBuiltins: ReadonlySet<string> = new Set(
  (
    '. : [ [[ ]] alias bg bind break builtin caller case cd command compgen complete compopt continue coproc ' +
    'declare dirs disown do done echo elif else enable esac eval exec exit export false fc fg fi for function ' +
    'getopts hash help history if in jobs kill let local logout mapfile popd printf pushd pwd read readarray ' +
    'readonly return select set shift shopt source suspend test then time times trap true type typeset ulimit ' +
    'umask unalias unset until wait while'
  ).split(' '),
);
