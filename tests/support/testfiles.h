#pragma once

#include <QByteArray>
#include <QString>

namespace bulkhead::test {

/** Absolute path of a file under tests/data/. */
QString dataPath(const QString &relative);

/** Absolute path of a file under the source tree (examples/, catalogs/). */
QString sourcePath(const QString &relative);

QByteArray readAll(const QString &path);

/** A data-driven test's "path" column, with one row per example model (examples/, *.bulkhead.json). */
void addExampleRows();

} // namespace bulkhead::test
