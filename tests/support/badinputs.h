#pragma once

#include <QString>

#include <vector>

namespace bulkhead::test {

/** A file the model reader must refuse with one readable line. */
struct BadInput
{
    QString name;
    QString path;
    /** A fragment the message must contain after "PATH" (position and reason). */
    QString expected;
    /** Only unreadable when the reader runs without root's override of file permissions. */
    bool needsUnprivilegedReader = false;
};

/**
 * Every bad input of the foundation issue: the files in tests/data/bad-input/ plus the ones
 * made at run time in `scratchDirectory` (random bytes, an unreadable file, a missing file).
 */
std::vector<BadInput> badInputs(const QString &scratchDirectory);

/**
 * True when `text` shows on a terminal as the characters it holds, on one line: it was valid
 * UTF-8 (no U+FFFD from decoding it) and holds no control character (C0, DEL, C1), no bidi
 * control and no line or paragraph separator.
 */
bool isSafeOneLine(const QString &text);

/**
 * Input quoted in a message is cut to 80 characters, so no message about a bad input, after
 * the file name, comes near this many characters however long the input.
 */
inline constexpr int maxMessageLength = 400;

/** The uid to run as when the test runs as root, so permissions apply. */
inline constexpr unsigned nobodyUid = 65534;

} // namespace bulkhead::test
