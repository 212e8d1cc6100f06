#pragma once

// Text that came from a file (names, keys, values, file names) made safe to print on one line
// of a terminal or a log: nothing in it can move the cursor, recolour the screen, set a
// window title, reorder what follows or start a new line that looks like another message.

#include <cstddef>
#include <string>
#include <string_view>

namespace bulkhead {

/** How many characters of quoted input a message shows before it cuts with "…". */
inline constexpr std::size_t displayExcerptLength = 80;

/**
 * The longest message line shown. Input quoted in a message is cut far shorter where the
 * message is made; this bounds the lines whose makers did not.
 */
inline constexpr std::size_t displayLineLength = 1000;

/**
 * `text` with every character a terminal or log viewer would act on written as an escape:
 * C0 controls and DEL as `\x1b`, bytes that are not UTF-8 as `\xe9`, and C1 controls, the
 * bidirectional controls (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) and the line
 * and paragraph separators (U+2028, U+2029) as `\u202e`. Everything else, non-ASCII letters
 * included, passes unchanged. The escapes are printable ASCII, so applying it twice changes
 * nothing more; a backslash already in the text is left as it is.
 */
std::string displayText(std::string_view text);

/**
 * displayText cut to at most `maxCharacters` characters (an escape counts as the characters it
 * is written with), followed by "…" when something was cut. Never splits a character or escape.
 */
std::string displayExcerpt(std::string_view text, std::size_t maxCharacters = displayExcerptLength);

/** displayExcerpt in double quotes: how a message quotes a name, key or value from input. */
std::string displayQuoted(std::string_view text);

/** displayExcerpt of a whole message: one line of at most displayLineLength characters. */
std::string displayLine(std::string_view text);

} // namespace bulkhead
