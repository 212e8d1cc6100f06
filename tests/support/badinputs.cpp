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

QString writeFile(const QString &directory, const QString &name, const QByteArray &content)
{
    const QString path = QDir(directory).filePath(name);
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(content);
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
    // Too large to keep in git: a megabyte of '[' that never closes (refused at the 65th, not
    // at the end of the file after building a million arrays), a 10 MiB key, a megabyte string.
    const QByteArray longKey(10 * 1024 * 1024, 'a');
    const QString longKeyColumn = QString::number(3 + longKey.size() + 2 + 2);
    const QString first80 = QString(80, QLatin1Char('a')) + QStringLiteral("…");
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
                        "ill-formed UTF-8 byte; last read: '\"caf\\xe9 '")},
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
        {QStringLiteral("duplicate key written with an escape"), data("duplicate-key-escaped.bulkhead.json"),
         QStringLiteral(":4:31: invalid JSON: the key \"title\" appears twice in one object")},
        {QStringLiteral("a megabyte of unclosed brackets"),
         writeFile(scratchDirectory, QStringLiteral("unclosed-1mb.bulkhead.json"), QByteArray(1024 * 1024, '[')),
         QStringLiteral(":1:65: JSON is nested more than 64 levels deep")},
        {QStringLiteral("number past the largest double"), data("number-overflow.bulkhead.json"),
         QStringLiteral(":1:2: number 1e999 is out of range (numbers must lie within ±1.8e308)")},
        {QStringLiteral("negative number past the largest double"), data("number-overflow-negative.bulkhead.json"),
         QStringLiteral(":5:54: number -1e999 is out of range")},
        {QStringLiteral("400-digit integer"), data("number-overflow-integer.bulkhead.json"),
         QStringLiteral(":5:63: number 1") + QString(79, QLatin1Char('0')) + QStringLiteral("… is out of range")},
        {QStringLiteral("just past the largest double"), data("number-overflow-past-max.bulkhead.json"),
         QStringLiteral(":5:74: number 1.7976931348623157e309 is out of range")},
        {QStringLiteral("key forging a second error line"), data("forged-error-line.bulkhead.json"),
         QStringLiteral(":4:66: a\\x0abulkhead-cli: other.json:1:1: forged\\x1b]0;pwned\\x07: unknown key "
                        "\"a\\x0abulkhead-cli: other.json:1:1: forged\\x1b]0;pwned\\x07\"")},
        {QStringLiteral("bidi controls and NUL in a value"), data("bidi-in-status.bulkhead.json"),
         QStringLiteral(":5:40: register[0].status: unknown status \"\\u202eenod\\u202c\\x00\"")},
        {QStringLiteral("10 MiB unknown key"),
         writeFile(scratchDirectory, QStringLiteral("long-key.bulkhead.json"),
                   "{\n  \"format\": \"bulkhead-threat-model\",\n  \"formatVersion\": 1,\n  \"" + longKey
                       + "\": 1\n}\n"),
         QStringLiteral(":4:") + longKeyColumn + QStringLiteral(": ") + first80 + QStringLiteral(": unknown key \"")
             + first80 + QStringLiteral("\"")},
        {QStringLiteral("megabyte string with a bad escape"),
         writeFile(scratchDirectory, QStringLiteral("long-string.bulkhead.json"),
                   "\"" + QByteArray(1024 * 1024, 'a') + "\\q\""),
         QStringLiteral(":1:") + QString::number(1024 * 1024 + 3)
             + QStringLiteral(": invalid JSON: syntax error while parsing value - invalid string: forbidden "
                              "character after backslash; last read: '\"")
             + QString(79, QLatin1Char('a')) + QStringLiteral("…'")},
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

bool isSafeOneLine(const QString &text)
{
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        const bool bidi = u == 0x061C || u == 0x200E || u == 0x200F || (u >= 0x202A && u <= 0x202E)
                          || (u >= 0x2066 && u <= 0x2069);
        if (c.category() == QChar::Other_Control || c.category() == QChar::Separator_Line
            || c.category() == QChar::Separator_Paragraph || bidi || u == QChar::ReplacementCharacter)
            return false;
    }
    return true;
}

} // namespace bulkhead::test
