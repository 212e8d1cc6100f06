#include "badinputs.h"

#include "testfiles.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>

#include <sys/stat.h>

namespace bulkhead::test {

namespace {

QString writeRandomBytes(const QString &directory)
{
    const QString path = QDir(directory).filePath(QStringLiteral("random-10mb.bulkhead.json"));
    QFile file(path);
    if (file.open(QIODevice::WriteOnly)) {
        QRandomGenerator generator(20261128);
        QByteArray bytes(10 * 1024 * 1024, Qt::Uninitialized);
        generator.fillRange(reinterpret_cast<quint32 *>(bytes.data()), bytes.size() / 4);
        file.write(bytes);
    }
    return path;
}

QString writeUnreadable(const QString &directory)
{
    const QString path = QDir(directory).filePath(QStringLiteral("unreadable.bulkhead.json"));
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(R"({"format": "bulkhead-threat-model", "formatVersion": 1})");
    file.close();
    file.setPermissions(QFileDevice::Permissions());
    return path;
}

QString makeFifo(const QString &directory)
{
    const QString path = QDir(directory).filePath(QStringLiteral("fifo.bulkhead.json"));
    ::mkfifo(QFile::encodeName(path).constData(), 0644);
    return path;
}

} // namespace

std::vector<BadInput> badInputs(const QString &scratchDirectory)
{
    auto data = [](const char *file) { return dataPath(QStringLiteral("bad-input/") + QString::fromUtf8(file)); };
    std::vector<BadInput> inputs{
        {QStringLiteral("empty file"), data("empty.bulkhead.json"),
         QStringLiteral(":1:1: invalid JSON: the file is empty")},
        {QStringLiteral("truncated JSON"), data("truncated.bulkhead.json"),
         QStringLiteral(":27:10: invalid JSON: syntax error")},
        {QStringLiteral("id of the wrong type"), data("wrong-type-id.bulkhead.json"),
         QStringLiteral(":6:12: elements[1].id: expected a string, found an integer")},
        {QStringLiteral("collection of the wrong type"), data("wrong-type-collection.bulkhead.json"),
         QStringLiteral(":4:15: elements: expected an array, found an object")},
        {QStringLiteral("property value of the wrong type"), data("wrong-type-property.bulkhead.json"),
         QStringLiteral(":5:69: elements[0].properties.privileged: a property value must be")},
        {QStringLiteral("geometry of the wrong type"), data("wrong-type-geometry.bulkhead.json"),
         QStringLiteral(":5:70: boundaries[0].geometry.w: expected a number, found a string")},
        {QStringLiteral("version of the wrong type"), data("wrong-type-version.bulkhead.json"),
         QStringLiteral(":1:54: formatVersion: expected an integer, found a string")},
        {QStringLiteral("invalid UTF-8"), data("invalid-utf8.bulkhead.json"),
         QStringLiteral(":4:27: invalid JSON: syntax error while parsing value - invalid string: "
                        "ill-formed UTF-8 byte; last read: '\"caf\\xE9 '")},
        {QStringLiteral("not an object"), data("not-an-object.bulkhead.json"),
         QStringLiteral(":1:1: expected an object, found an array")},
        {QStringLiteral("another format"), data("wrong-format.bulkhead.json"),
         QStringLiteral(":1:12: format: this is not a Bulkhead model")},
        {QStringLiteral("newer version"), data("newer-version.bulkhead.json"),
         QStringLiteral(":1:54: formatVersion: formatVersion 7 is newer than this Bulkhead")},
        {QStringLiteral("unknown key"), data("unknown-key.bulkhead.json"),
         QStringLiteral(":5:60: flows[0].encrypted: unknown key \"encrypted\"")},
        {QStringLiteral("unknown status"), data("bad-status.bulkhead.json"),
         QStringLiteral(":5:40: register[0].status: unknown status \"done\"")},
        {QStringLiteral("arrays nested 100000 deep"), data("deep-nesting.bulkhead.json"),
         QStringLiteral(":1:65: JSON is nested more than 64 levels deep")},
        {QStringLiteral("duplicate key"), data("duplicate-key.bulkhead.json"),
         QStringLiteral(":5:3: invalid JSON: the key \"elements\" appears twice in one object")},
        {QStringLiteral("a named pipe"), makeFifo(scratchDirectory),
         QStringLiteral(": is not a regular file")},
        {QStringLiteral("a directory"), data("directory.bulkhead.json"),
         QStringLiteral(": is a directory, not a file")},
        {QStringLiteral("10 MB of random bytes"), writeRandomBytes(scratchDirectory),
         QStringLiteral(":1:1: invalid JSON: syntax error")},
        {QStringLiteral("missing file"),
         QDir(scratchDirectory).filePath(QStringLiteral("missing.bulkhead.json")),
         QStringLiteral(": cannot open: No such file or directory")},
        {QStringLiteral("no read permission"), writeUnreadable(scratchDirectory),
         QStringLiteral(": cannot open: Permission denied"), true},
    };
    return inputs;
}

} // namespace bulkhead::test
