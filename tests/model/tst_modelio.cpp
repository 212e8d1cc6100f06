#include "core/version.h"
#include "io/modelformat.h"
#include "io/modelreader.h"
#include "io/modelwriter.h"
#include "io/textfile.h"
#include "specialfiles.h"
#include "testfiles.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace bulkhead;

Q_DECLARE_METATYPE(bulkhead::test::SpecialFile)

namespace {

ThreatModel load(const QString &path)
{
    auto loaded = readModelFile(path.toStdString());
    if (!loaded) {
        QTest::qFail(loaded.error().c_str(), __FILE__, __LINE__);
        return {};
    }
    return std::move(loaded->model);
}

/** The generator line names the app version; golden files must not change with it. */
QByteArray withoutGenerator(QByteArray text)
{
    static const QRegularExpression generator(QStringLiteral("\"generator\": \"[^\"]*\""));
    return QString::fromUtf8(text).replace(generator, QStringLiteral("\"generator\": \"\"")).toUtf8();
}

QStringList filesIn(const QString &directory)
{
    return QDir(directory).entryList(QDir::Files | QDir::Hidden | QDir::System);
}

std::string str(const QString &path)
{
    return QFile::encodeName(path).toStdString();
}

/** Files may grow to `bytes` while it lives; writing more fails with EFBIG, like a full disk. */
class FileSizeLimit
{
public:
    explicit FileSizeLimit(rlim_t bytes)
    {
        ::getrlimit(RLIMIT_FSIZE, &m_previous);
        m_previousHandler = std::signal(SIGXFSZ, SIG_IGN); // the error, not the signal
        const rlimit limit{bytes, m_previous.rlim_max};
        m_set = ::setrlimit(RLIMIT_FSIZE, &limit) == 0;
    }
    ~FileSizeLimit()
    {
        ::setrlimit(RLIMIT_FSIZE, &m_previous);
        std::signal(SIGXFSZ, m_previousHandler);
    }
    bool isSet() const { return m_set; }

private:
    rlimit m_previous {};
    void (*m_previousHandler)(int) = nullptr;
    bool m_set = false;
};

} // namespace

class TestModelIo : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsEveryField()
    {
        const ThreatModel m = load(test::dataPath(QStringLiteral("io/full.bulkhead.json")));
        QCOMPARE(m.metadata().reviewers, (std::vector<std::string>{"Ana Ortiz", "Bo Chen"}));
        QVERIFY(m.metadata().description.find("ünïcödé ✓") != std::string::npos);
        QCOMPARE(m.boundaries().size(), std::size_t(3));
        QCOMPARE(m.findBoundary("ns-shop")->parent, std::string("cluster"));
        const Element *api = m.findElement("api");
        QVERIFY(api);
        QCOMPARE(std::get<bool>(api->properties.at("privileged")), false);
        QCOMPARE(std::get<std::int64_t>(api->properties.at("image.ageDays")), std::int64_t(12));
        QCOMPARE(std::get<std::string>(api->properties.at("runAsNonRoot")), std::string("yes"));
        QCOMPARE(std::get<StringList>(api->properties.at("capabilitiesAdded")),
                 StringList{"NET_BIND_SERVICE"});
        QCOMPARE(m.findElement("user")->geometry, (Rect{-200.5, 120.25, 140, 70}));
        const Flow *orders = m.findFlow("f-orders");
        QVERIFY(orders && orders->bidirectional);
        QCOMPARE(orders->points.size(), std::size_t(2));
        QCOMPARE(orders->points[1], (Point{320.5, 160}));
        QCOMPARE(m.registerEntries().size(), std::size_t(3));
        QCOMPARE(m.findRegisterEntry("RUN-01@api")->severityOverride, std::optional(Severity::Low));
        QVERIFY(!m.findRegisterEntry("NET-03@f-orders")->severityOverride);
        QCOMPARE(m.findRegisterEntry("NET-03@f-orders")->status, ThreatStatus::NeedsInvestigation);
        QCOMPARE(m.manualThreats().size(), std::size_t(1));
        QCOMPARE(m.manualThreats().front().stride, std::string("IR"));
        QCOMPARE(m.manualThreats().front().impact, 4);
    }

    void roundTrip_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("full fixture") << test::dataPath(QStringLiteral("io/full.bulkhead.json"));
        QTest::newRow("migrated fixture")
            << test::dataPath(QStringLiteral("io/v0-draft.expected.bulkhead.json"));
        const QDir examples(test::sourcePath(QStringLiteral("examples")));
        for (const QString &name : examples.entryList({QStringLiteral("*.bulkhead.json")}))
            QTest::newRow(qPrintable(name)) << examples.filePath(name);
    }

    void roundTrip()
    {
        QFETCH(QString, path);
        const ThreatModel first = load(path);
        const std::string written = writeModelText(first);
        auto second = readModelText(written, "written");
        QVERIFY2(second, second.error().c_str());
        QVERIFY(second->model == first);
        // Same model, same bytes: saving again changes nothing.
        QCOMPARE(writeModelText(second->model), written);
        // Files in the repository are stored in canonical form.
        QCOMPARE(withoutGenerator(QByteArray::fromStdString(written)),
                 withoutGenerator(test::readAll(path)));
    }

    void writerIsDeterministicForEqualModels()
    {
        // The same model reached two ways: built in code, and read from a file whose keys (the
        // document's, the element's, the properties') come in another order. Neither order may
        // leak into the file: both save as the one canonical text, with the format's key order
        // and the properties sorted by name.
        ThreatModel built;
        built.addElement({"b", "cache", "second", "", {{"zeta", true}, {"alpha", std::int64_t(3)}},
                          {10, 20, 140, 70}});
        const auto read = readModelText(
            "{\"elements\": [{\"geometry\": {\"h\": 70, \"w\": 140, \"y\": 20, \"x\": 10},"
            " \"properties\": {\"zeta\": true, \"alpha\": 3}, \"name\": \"second\","
            " \"kind\": \"cache\", \"id\": \"b\"}],"
            " \"formatVersion\": 1, \"format\": \"bulkhead-threat-model\"}",
            "scrambled.json");
        QVERIFY2(read, read.error().c_str());
        QVERIFY(read->model == built);

        const std::string canonical = std::string("{\n"
                                                  "  \"format\": \"bulkhead-threat-model\",\n"
                                                  "  \"formatVersion\": 3,\n"
                                                  "  \"generator\": \"bulkhead ")
            + bulkheadVersion
            + "\",\n"
              "  \"model\": {\n"
              "    \"title\": \"\",\n"
              "    \"description\": \"\",\n"
              "    \"owner\": \"\",\n"
              "    \"reviewers\": []\n"
              "  },\n"
              "  \"boundaries\": [],\n"
              "  \"elements\": [\n"
              "    {\n"
              "      \"id\": \"b\",\n"
              "      \"kind\": \"cache\",\n"
              "      \"name\": \"second\",\n"
              "      \"boundary\": \"\",\n"
              "      \"properties\": {\n"
              "        \"alpha\": 3,\n"
              "        \"zeta\": true\n"
              "      },\n"
              "      \"geometry\": {\n"
              "        \"x\": 10,\n"
              "        \"y\": 20,\n"
              "        \"w\": 140,\n"
              "        \"h\": 70\n"
              "      }\n"
              "    }\n"
              "  ],\n"
              "  \"flows\": [],\n"
              "  \"register\": [],\n"
              "  \"manualThreats\": []\n"
              "}\n";
        QCOMPARE(writeModelText(built), canonical);
        QCOMPARE(writeModelText(read->model), canonical);
    }

    void theFileFormatExampleIsWhatTheWriterWrites()
    {
        // docs/file-format.md promises its example is "exactly what Bulkhead writes".
        const QString doc
            = QString::fromUtf8(test::readAll(test::sourcePath(QStringLiteral("docs/file-format.md"))));
        static const QRegularExpression example(
            QStringLiteral("This is exactly what Bulkhead writes[^\\n]*\\n+```json\\n(.*?\\n)```"),
            QRegularExpression::DotMatchesEverythingOption);
        const QRegularExpressionMatch match = example.match(doc);
        QVERIFY2(match.hasMatch(), "docs/file-format.md no longer has its ```json example");
        const std::string text = match.captured(1).toStdString();
        auto loaded = readModelText(text, "file-format.md");
        QVERIFY2(loaded, loaded.error().c_str());
        QCOMPARE(loaded->sourceFormatVersion, currentModelFormatVersion);
        QVERIFY(!loaded->model.flows().empty());
        QCOMPARE(withoutGenerator(QByteArray::fromStdString(writeModelText(loaded->model))),
                 withoutGenerator(QByteArray::fromStdString(text)));
    }

    void migratesContentTrustToTriState()
    {
        // Version 2 wrote contentTrust as a bool; version 3 keeps what was written and leaves the
        // unwritten value unknown. A bool of another kind or property is not touched.
        const auto loaded = readModelText(
            "{\"format\": \"bulkhead-threat-model\", \"formatVersion\": 2, \"elements\": ["
            "{\"id\": \"on\", \"kind\": \"container-runtime\","
            " \"properties\": {\"contentTrust\": true, \"rootless\": false}},"
            "{\"id\": \"off\", \"kind\": \"container-runtime\", \"properties\": {\"contentTrust\": false}},"
            "{\"id\": \"unsaid\", \"kind\": \"container-runtime\"},"
            "{\"id\": \"app\", \"kind\": \"container\", \"properties\": {\"privileged\": false}}]}",
            "v2.json");
        QVERIFY2(loaded, loaded.error().c_str());
        QCOMPARE(loaded->sourceFormatVersion, 2);
        QCOMPARE(loaded->migrationNotes.size(), std::size_t(1));
        const ThreatModel &model = loaded->model;
        QVERIFY(model.findElement("on")->properties.at("contentTrust") == PropertyValue(std::string("yes")));
        QVERIFY(model.findElement("on")->properties.at("rootless") == PropertyValue(false));
        QVERIFY(model.findElement("off")->properties.at("contentTrust") == PropertyValue(std::string("no")));
        QCOMPARE(model.findElement("unsaid")->properties.count("contentTrust"), std::size_t(0));
        QVERIFY(model.findElement("app")->properties.at("privileged") == PropertyValue(false));
    }

    void migratesVersionZero()
    {
        auto loaded = readModelFile(test::dataPath(QStringLiteral("io/v0-draft.bulkhead.json")).toStdString());
        QVERIFY2(loaded, loaded.error().c_str());
        QCOMPARE(loaded->sourceFormatVersion, 0);
        QCOMPARE(loaded->migrationNotes.size(), std::size_t(3)); // 0 → 1, 1 → 2, then 2 → 3
        QVERIFY(loaded->model == load(test::dataPath(QStringLiteral("io/v0-draft.expected.bulkhead.json"))));
        QCOMPARE(loaded->model.findElement("web")->geometry, (Rect{40, 60, 140, 70}));
        QCOMPARE(loaded->model.findRegisterEntry("RUN-01@web")->status,
                 ThreatStatus::NeedsInvestigation);
        QCOMPARE(loaded->model.metadata().title, std::string("Draft-format model"));
    }

    void currentVersionNeedsNoMigration()
    {
        auto loaded = readModelFile(test::dataPath(QStringLiteral("io/full.bulkhead.json")).toStdString());
        QVERIFY(loaded);
        QCOMPARE(loaded->sourceFormatVersion, 3);
        QVERIFY(loaded->migrationNotes.empty());
    }

    void refusesNewerVersion()
    {
        const auto loaded = readModelText(
            "{\"format\": \"bulkhead-threat-model\", \"formatVersion\": 99}", "future.json");
        QVERIFY(!loaded);
        QCOMPARE(loaded.error(), std::string("future.json:1:54: formatVersion: formatVersion 99 is "
                                             "newer than this Bulkhead understands (up to 3); "
                                             "open it with a newer Bulkhead"));
    }

    void atomicSaveReplacesAndKeepsPermissions()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("model.bulkhead.json"));
        QVERIFY(writeFileAtomically(path.toStdString(), "old"));
        QVERIFY(::chmod(path.toLocal8Bit().constData(), 0600) == 0);
        ThreatModel model;
        model.metadata().title = "new";
        QVERIFY(writeModelFile(model, path.toStdString()));
        QCOMPARE(test::readAll(path), QByteArray::fromStdString(writeModelText(model)));
        struct stat info {};
        QVERIFY(::stat(path.toLocal8Bit().constData(), &info) == 0);
        QCOMPARE(info.st_mode & 0777, mode_t(0600));
        // No temporary file is left behind.
        QCOMPARE(filesIn(dir.path()), QStringList{QStringLiteral("model.bulkhead.json")});
    }

    void newFilesFollowTheUmask()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("private.bulkhead.json"));
        const mode_t previous = ::umask(077);
        const Status status = writeModelFile(ThreatModel{}, path.toStdString());
        ::umask(previous);
        QVERIFY(status);
        struct stat info {};
        QVERIFY(::stat(QFile::encodeName(path).constData(), &info) == 0);
        QCOMPARE(info.st_mode & 0777, mode_t(0600));
    }

    void saveThroughASymlinkKeepsTheLink()
    {
        QTemporaryDir dir;
        const QString target = dir.filePath(QStringLiteral("real.bulkhead.json"));
        const QString link = dir.filePath(QStringLiteral("link.bulkhead.json"));
        QVERIFY(writeFileAtomically(target.toStdString(), "old"));
        QVERIFY(QFile::link(target, link));
        ThreatModel model;
        model.metadata().title = "through the link";
        QVERIFY(writeModelFile(model, link.toStdString()));
        QVERIFY(QFileInfo(link).isSymLink());
        QCOMPARE(test::readAll(target), QByteArray::fromStdString(writeModelText(model)));
    }

    void failedSaveLeavesTheOldFileAndNoLitter()
    {
        QTemporaryDir dir;
        // The target is a non-empty directory: rename fails after the data was written.
        const QString target = dir.filePath(QStringLiteral("occupied"));
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("occupied/inside")));
        const Status status = writeModelFile(ThreatModel{}, target.toStdString());
        QVERIFY(!status);
        QVERIFY2(QString::fromStdString(status.error()).startsWith(target + QStringLiteral(": ")),
                 status.error().c_str());
        QCOMPARE(filesIn(dir.path()), QStringList{});
        QVERIFY(QFileInfo(target + QStringLiteral("/inside")).isDir());
    }

    void specialFilesAreRefusedAndKept_data()
    {
        QTest::addColumn<test::SpecialFile>("kind");
        QTest::addColumn<bool>("throughLink");
        for (bool link : {false, true}) {
            const char *how = link ? " behind a link" : "";
            QTest::addRow("fifo%s", how) << test::SpecialFile::Fifo << link;
            QTest::addRow("socket%s", how) << test::SpecialFile::Socket << link;
            QTest::addRow("directory%s", how) << test::SpecialFile::Directory << link;
            QTest::addRow("block device%s", how) << test::SpecialFile::BlockDevice << link;
        }
    }

    void specialFilesAreRefusedAndKept()
    {
        QFETCH(test::SpecialFile, kind);
        QFETCH(bool, throughLink);
        QTemporaryDir dir;
        const QString special = dir.filePath(QStringLiteral("special"));
        if (const QString why = test::makeSpecialFile(kind, special); !why.isEmpty())
            QSKIP(qPrintable(why));
        const unsigned type = test::fileType(special);
        const QString path = throughLink ? dir.filePath(QStringLiteral("link")) : special;
        if (throughLink)
            QVERIFY(QFile::link(special, path));
        // A FIFO must be refused, not opened: opening it for writing would block for ever.
        const Status status = writeFileAtomically(str(path), "bytes");
        QVERIFY(!status);
        QCOMPARE(QString::fromStdString(status.error()),
                 path + (throughLink ? QStringLiteral(": points to ") : QStringLiteral(": is "))
                     + test::describeSpecialFile(kind) + QStringLiteral(", not a regular file; not writing to it"));
        QCOMPARE(test::fileType(special), type);
        QCOMPARE(test::fileType(path), throughLink ? unsigned(S_IFLNK) : type);
        QVERIFY2(!filesIn(dir.path()).join(QLatin1Char(' ')).contains(QLatin1Char('.')), "a temporary file was left");
    }

    void characterDevicesAreWrittenNotReplaced()
    {
        QTemporaryDir dir;
        const QString null = test::characterDevice(dir.path(), false);
        QVERIFY(writeFileAtomically(str(null), "discarded"));
        QCOMPARE(test::fileType(null), unsigned(S_IFCHR));
        // Through a link, as -o /dev/stdout is.
        const QString link = dir.filePath(QStringLiteral("to-null"));
        QVERIFY(QFile::link(null, link));
        QVERIFY(writeFileAtomically(str(link), "discarded"));
        QCOMPARE(test::fileType(link), unsigned(S_IFLNK));
        QCOMPARE(test::fileType(null), unsigned(S_IFCHR));
        QCOMPARE(filesIn(QFileInfo(null).path()).filter(QStringLiteral(".null.")), QStringList{});
    }

    void aFullDeviceIsAWriteError()
    {
        QTemporaryDir dir;
        const QString full = test::characterDevice(dir.path(), true);
        const Status status = writeFileAtomically(str(full), "lost");
        QVERIFY(!status);
        QCOMPARE(QString::fromStdString(status.error()), full + QStringLiteral(": cannot write: No space left on device"));
        QCOMPARE(test::fileType(full), unsigned(S_IFCHR));
    }

    void aFullDiskKeepsTheOldFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("model.bulkhead.json"));
        QVERIFY(writeFileAtomically(str(path), "old"));
        const std::string large(256 * 1024, 'x'); // more than one buffer, so a write fails midway
        Status status;
        {
            const FileSizeLimit limit(4096);
            QVERIFY(limit.isSet());
            status = writeFileAtomically(str(path), large);
        }
        QVERIFY(!status);
        QCOMPARE(QString::fromStdString(status.error()), path + QStringLiteral(": cannot write: File too large"));
        QCOMPARE(test::readAll(path), QByteArray("old"));
        QCOMPARE(filesIn(dir.path()), QStringList{QStringLiteral("model.bulkhead.json")});
    }

    void aDanglingLinkGetsItsTargetCreated()
    {
        QTemporaryDir dir;
        // A chain of two links, the last one relative and pointing into a subdirectory.
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("models")));
        const QString last = dir.filePath(QStringLiteral("models/last"));
        const QString first = dir.filePath(QStringLiteral("first"));
        QVERIFY(QFile::link(QStringLiteral("created.bulkhead.json"), last));
        QVERIFY(QFile::link(last, first));
        QVERIFY(writeFileAtomically(str(first), "new"));
        QCOMPARE(test::fileType(first), unsigned(S_IFLNK));
        QCOMPARE(test::fileType(last), unsigned(S_IFLNK));
        QCOMPARE(test::readAll(dir.filePath(QStringLiteral("models/created.bulkhead.json"))), QByteArray("new"));
    }

    void aLinkLoopIsAnError()
    {
        QTemporaryDir dir;
        const QString a = dir.filePath(QStringLiteral("a"));
        QVERIFY(QFile::link(dir.filePath(QStringLiteral("b")), a));
        QVERIFY(QFile::link(a, dir.filePath(QStringLiteral("b"))));
        const Status status = writeFileAtomically(str(a), "new");
        QVERIFY(!status);
        QCOMPARE(QString::fromStdString(status.error()),
                 a + QStringLiteral(": cannot follow the symbolic link: Too many levels of symbolic links"));
        QCOMPARE(test::fileType(a), unsigned(S_IFLNK));
    }

    void readOnlyFilesAreReplacedOnlyWhenAllowed_data()
    {
        QTest::addColumn<bool>("throughLink");
        QTest::newRow("file") << false;
        QTest::newRow("through a link") << true;
    }

    void readOnlyFilesAreReplacedOnlyWhenAllowed()
    {
        QFETCH(bool, throughLink);
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("frozen.bulkhead.json"));
        QVERIFY(writeFileAtomically(str(file), "old"));
        QVERIFY(::chmod(QFile::encodeName(file).constData(), 0444) == 0);
        const QString path = throughLink ? dir.filePath(QStringLiteral("link.bulkhead.json")) : file;
        if (throughLink)
            QVERIFY(QFile::link(file, path));

        const Status refused = writeFileAtomically(str(path), "new");
        QVERIFY(!refused);
        QCOMPARE(QString::fromStdString(refused.error()),
                 path + (throughLink ? QStringLiteral(": points to a read-only file; not replacing it")
                                     : QStringLiteral(": is read-only; not replacing it")));
        QCOMPARE(test::readAll(file), QByteArray("old"));

        SaveOptions advised;
        advised.readOnlyAdvice = "give --force to replace it";
        QCOMPARE(writeFileAtomically(str(path), "new", advised).error(),
                 str(path) + (throughLink ? ": points to a read-only file" : ": is read-only")
                     + "; give --force to replace it");

        SaveOptions force;
        force.replaceReadOnly = true;
        QVERIFY(writeFileAtomically(str(path), "new", force));
        QCOMPARE(test::readAll(file), QByteArray("new"));
        QCOMPARE(test::permissions(file), 0444u);
        QCOMPARE(test::fileType(path), throughLink ? unsigned(S_IFLNK) : unsigned(S_IFREG));
    }

    void permissionsCanBeImposed()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("autosave.bulkhead.json"));
        QVERIFY(writeFileAtomically(str(path), "old"));
        QVERIFY(::chmod(QFile::encodeName(path).constData(), 0644) == 0);
        SaveOptions options;
        options.permissions = 0600;
        QVERIFY(writeFileAtomically(str(path), "new", options));
        QCOMPARE(test::permissions(path), 0600u);
        QVERIFY(writeFileAtomically(str(dir.filePath(QStringLiteral("fresh"))), "new", options));
        QCOMPARE(test::permissions(dir.filePath(QStringLiteral("fresh"))), 0600u);
    }

    void aTargetSwappedWhileWritingIsNotReplaced()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("model.bulkhead.json"));
        AtomicFileWriter writer(str(path));
        QVERIFY(writer.ok());
        writer.stream() << "new";
        // While the model was being written, someone put a FIFO where the new file goes.
        QCOMPARE(test::makeSpecialFile(test::SpecialFile::Fifo, path), QString());
        const Status status = writer.commit();
        QVERIFY(!status);
        QCOMPARE(QString::fromStdString(status.error()),
                 path + QStringLiteral(": changed into a named pipe (FIFO) while saving; not replacing it"));
        QCOMPARE(test::fileType(path), unsigned(S_IFIFO));
        QCOMPARE(filesIn(dir.path()), QStringList{QStringLiteral("model.bulkhead.json")});
    }

    void writesAfterCommitGoNowhere()
    {
        QTemporaryDir dir;
        const QString saved = dir.filePath(QStringLiteral("saved"));
        AtomicFileWriter writer(str(saved));
        writer.stream() << "saved";
        QVERIFY(writer.commit());
        // The writer's descriptor number is free again, and the next open gets it.
        QFile other(dir.filePath(QStringLiteral("other")));
        QVERIFY(other.open(QIODevice::WriteOnly));
        writer.stream() << "stray" << std::flush;
        QVERIFY(!writer.stream());
        other.close();
        QCOMPARE(test::readAll(other.fileName()), QByteArray());
        QCOMPARE(test::readAll(saved), QByteArray("saved"));
    }

    void saveIntoMissingDirectoryFails()
    {
        QTemporaryDir dir;
        const QString target = dir.filePath(QStringLiteral("no/such/dir/model.json"));
        const Status status = writeModelFile(ThreatModel{}, target.toStdString());
        QVERIFY(!status);
        QVERIFY2(status.error().find("cannot create a temporary file") != std::string::npos,
                 status.error().c_str());
        QVERIFY(!QFileInfo::exists(target));
    }
};

QTEST_GUILESS_MAIN(TestModelIo)
#include "tst_modelio.moc"
