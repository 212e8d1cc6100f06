#include "testfiles.h"

#include <QDir>
#include <QFile>
#include <QTest>

namespace bulkhead::test {

QString dataPath(const QString &relative)
{
    return QStringLiteral(BULKHEAD_TEST_DATA_DIR "/") + relative;
}

QString sourcePath(const QString &relative)
{
    return QStringLiteral(BULKHEAD_SOURCE_DIR "/") + relative;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        QTest::qFail(qPrintable(QStringLiteral("cannot read %1").arg(path)), __FILE__, __LINE__);
        return {};
    }
    return file.readAll();
}

void addExampleRows()
{
    QTest::addColumn<QString>("path");
    const QDir dir(sourcePath(QStringLiteral("examples")));
    const QStringList names = dir.entryList({QStringLiteral("*.bulkhead.json")});
    QVERIFY(!names.isEmpty());
    for (const QString &name : names)
        QTest::newRow(qPrintable(name)) << dir.filePath(name);
}

} // namespace bulkhead::test
