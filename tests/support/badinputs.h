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

/** The uid to run as when the test runs as root, so permissions apply. */
inline constexpr unsigned nobodyUid = 65534;

} // namespace bulkhead::test
