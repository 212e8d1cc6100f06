# Structure checks over the files given (model/, ui/, app/ sources), run by scripts/lint:
# - no file over 900 lines, so each can be read in one sitting;
# - no run of 8 code lines (blank lines, lone braces, comments and includes skipped; whitespace
#   ignored) standing identically in two places: logic written twice is called once instead.
# Prints one line per finding, "FILE:LINE: ...", and nothing when the tree is clean.
BEGIN { window = 8; maxLines = 900 }
FNR == 1 { count = 0 }
{
    if (FNR == maxLines + 1)
        print FILENAME ":" FNR ": over " maxLines " lines; split it along its seams"
    text = $0
    gsub(/^[ \t]+|[ \t]+$/, "", text)
    if (text == "" || text ~ /^(\{|\}|\};|\}\);|break;|default:)$/ || text ~ /^(\/\/|\/\*|\*|#include)/)
        next
    lineOf[count] = FNR
    textOf[count] = text
    count++
    if (count < window)
        next
    key = ""
    for (i = count - window; i < count; i++)
        key = key "\n" textOf[i]
    place = FILENAME ":" lineOf[count - window]
    if (!(key in firstPlace))
        firstPlace[key] = place
    else if (!(key in reported)) {
        print place ": the same " window " lines stand at " firstPlace[key] "; call one from the other"
        reported[key] = 1
    }
}
