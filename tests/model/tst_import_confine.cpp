// Imports read only inside the project: `extends`, `env_file` and `.env` of a Compose project,
// and the files of a Kubernetes manifest folder, are refused when they lie outside it or a
// symbolic link leads out of it, with one error line that names the path as written and never
// quotes a file's contents.

#include "import/composeimporter.h"
#include "import/kubernetesimporter.h"
#include "io/modelwriter.h"
#include "testfiles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace bulkhead;

namespace {

std::string composeFixture(const char *relative)
{
    return bulkhead::test::dataPath(QStringLiteral("import/compose/confine/") + QLatin1String(relative)).toStdString();
}

QString k8sFixture(const QString &relative)
{
    return bulkhead::test::dataPath(QStringLiteral("import/k8s/confine/") + relative);
}

std::string text(const PropertyMap &properties, const std::string &name)
{
    const auto it = properties.find(name);
    return it != properties.end() && std::holds_alternative<std::string>(it->second) ? std::get<std::string>(it->second) : "<unset>";
}

/** Everything a reader of the import sees: the model and the import report. */
std::string everything(const ImportResult &imported)
{
    return writeModelText(imported.model) + formatImportReport(imported.report);
}

} // namespace

class TestImportConfine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void filesOutsideTheProjectAreRefused_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("expected");
        const QString outside = QStringLiteral(" is outside the project folder ") + composeFixture("project").c_str()
                                + QStringLiteral("; the import reads only files inside it");
        QTest::newRow("extends, relative") << "extends-relative.yml" << ":5:21: extends file ../outside/shadow" + outside;
        QTest::newRow("extends, absolute") << "extends-absolute.yml" << ":5:21: extends file /etc/shadow" + outside;
        QTest::newRow("env_file, climbing") << "env-file-climbing.yml" << ":5:15: env_file ../../../../../../../../../../etc/passwd" + outside;
        QTest::newRow("env_file, absolute") << "env-file-absolute.yml" << ":5:15: env_file /etc/passwd" + outside;
        QTest::newRow("env_file, not required") << "env-file-outside.yml" << ":6:15: env_file ../outside/passwd" + outside;
    }

    void filesOutsideTheProjectAreRefused()
    {
        QFETCH(QString, file);
        QFETCH(QString, expected);
        const std::string path = composeFixture("project/") + file.toStdString();
        const auto imported = importCompose({path}, {});
        QVERIFY(!imported);
        QCOMPARE(QString::fromStdString(imported.error()), QString::fromStdString(path) + expected);
    }

    void linksLeadingOutsideAreRefused_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("expected");
        const QString through = QStringLiteral(" leads outside the project folder %1 through a symbolic link; the import reads only files inside it");
        QTest::newRow("env_file") << "project/linked-env.yml" << ":5:15: env_file linked.env" + through;
        QTest::newRow("a link on the way") << "project/linked-folder.yml" << ":5:15: env_file outside-dir/passwd" + through;
        QTest::newRow("extends") << "project/linked-extends.yml" << ":5:21: extends file base-link.yml" + through;
        QTest::newRow(".env") << "dotenv-project/compose.yml" << "";
    }

    void linksLeadingOutsideAreRefused()
    {
        QFETCH(QString, file);
        QFETCH(QString, expected);
        // A copy of the fixture with the links the repository does not hold.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        for (const char *folder : {"outside", "project", "dotenv-project"}) {
            const QDir from(QString::fromStdString(composeFixture("") + folder));
            QVERIFY(QDir().mkpath(dir.filePath(QLatin1String(folder))));
            for (const QString &name : from.entryList(QDir::Files | QDir::Hidden))
                QVERIFY(QFile::copy(from.filePath(name), dir.filePath(QLatin1String(folder) + QLatin1Char('/') + name)));
        }
        QVERIFY(QFile::link(QStringLiteral("../outside/passwd"), dir.filePath(QStringLiteral("project/linked.env"))));
        QVERIFY(QFile::link(QStringLiteral("../outside"), dir.filePath(QStringLiteral("project/outside-dir"))));
        QVERIFY(QFile::link(dir.filePath(QStringLiteral("outside/shadow")), dir.filePath(QStringLiteral("project/base-link.yml"))));
        QVERIFY(QFile::link(QStringLiteral("app.env"), dir.filePath(QStringLiteral("project/inside-link.env"))));
        QVERIFY(QFile::link(QStringLiteral("../outside/credentials"), dir.filePath(QStringLiteral("dotenv-project/.env"))));

        const std::string path = dir.filePath(file).toStdString();
        const auto imported = importCompose({path}, {});
        QVERIFY(!imported);
        const QString folder = QFileInfo(dir.filePath(file)).path();
        const QString error = QString::fromStdString(imported.error());
        if (expected.isEmpty())
            QCOMPARE(error, folder + QStringLiteral("/.env") + QStringLiteral(" leads outside the project folder %1 through a symbolic link; the import reads only files inside it").arg(folder));
        else
            QCOMPARE(error, QString::fromStdString(path) + expected.arg(folder));
        for (const char *content : {"FAKE", "alice", "root:", "wJalr", "AKIA"})
            QVERIFY2(!error.contains(QLatin1String(content)), content);

        // A link that stays inside the project is read like the file it leads to.
        auto inside = importCompose({dir.filePath(QStringLiteral("project/linked-inside.yml")).toStdString()}, {});
        QVERIFY2(inside, inside.error().c_str());
        QVERIFY(text(inside->model.findElement("web")->properties, "notes").find("APP_MODE") != std::string::npos);
    }

    void extendedFilesAreNeverQuoted_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not YAML") << "extends-not-yaml.yml" << "/not-yaml.txt:1:";
        QTest::newRow("YAML, not Compose") << "extends-not-compose.yml" << "/keys.txt:1:1: extends: not a Compose file (an unknown top-level key, not shown)";
        QTest::newRow("a folder") << "extends-folder.yml" << "/subfolder: is a directory, not a file";
    }

    void extendedFilesAreNeverQuoted()
    {
        QFETCH(QString, file);
        QFETCH(QString, expected);
        const auto imported = importCompose({composeFixture("project/") + file.toStdString()}, {});
        QVERIFY(!imported);
        const QString error = QString::fromStdString(imported.error());
        QVERIFY2(error.startsWith(QString::fromStdString(composeFixture("project")) + expected), qPrintable(error));
        QVERIFY2(!error.contains(QStringLiteral("FAKE")) && !error.contains(QStringLiteral("password")), qPrintable(error));
        QVERIFY(!error.contains(QLatin1Char('\n')));
    }

    void projectDirectory()
    {
        // By default the project is deploy/, the first file's folder: no shared.env, no .env.
        const std::string file = composeFixture("project/deploy/compose.yml");
        const auto alone = importCompose({file}, {});
        QVERIFY2(alone, alone.error().c_str());
        QCOMPARE(alone->model.metadata().title, std::string("Docker Compose: deploy"));
        const PropertyMap &app = alone->model.findElement("app")->properties;
        QCOMPARE(text(app, "image.ref"), std::string("example/app:latest"));
        QCOMPARE(text(app, "secretsInEnv"), std::string("<unset>"));
        QVERIFY(formatImportReport(alone->report).find("env_file shared.env could not be read") != std::string::npos);

        // Named as the project folder, the folder above gives .env and shared.env, as Compose reads them.
        auto imported = importCompose({file}, {}, ComposeImportOptions{composeFixture("project")});
        QVERIFY2(imported, imported.error().c_str());
        QCOMPARE(imported->model.metadata().title, std::string("Docker Compose: project"));
        const PropertyMap &inProject = imported->model.findElement("app")->properties;
        QCOMPARE(text(inProject, "image.ref"), std::string("example/app:${APP_TAG}"));
        QCOMPARE(text(inProject, "image.pinnedByDigest"), std::string("yes"));
        QCOMPARE(text(inProject, "secretsInEnv"), std::string("yes"));
        QVERIFY(text(inProject, "notes").find("SHARED_TOKEN") != std::string::npos);
        QVERIFY(everything(*imported).find("fake-shared-token-value") == std::string::npos);

        const auto missing = importCompose({file}, {}, ComposeImportOptions{composeFixture("no-such-folder")});
        QVERIFY(!missing);
        QVERIFY2(missing.error().rfind(composeFixture("no-such-folder") + ": ", 0) == 0, missing.error().c_str());
    }

    void folderLinksStayInsideTheFolder()
    {
        // The folder as given on the command line, with links in it: one to a file of its own,
        // one to a credentials file elsewhere.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString manifests = dir.filePath(QStringLiteral("manifests"));
        QVERIFY(QDir().mkpath(manifests));
        QVERIFY(QFile::copy(k8sFixture(QStringLiteral("manifests/app.yaml")), manifests + QStringLiteral("/app.yaml")));
        QVERIFY(QFile::link(QStringLiteral("app.yaml"), manifests + QStringLiteral("/same-app.yaml")));
        const auto inside = importKubernetes({manifests.toStdString()});
        QVERIFY2(inside, inside.error().c_str());
        QCOMPARE(inside->model.elements().size(), std::size_t(1)); // the link inside is the same file, read once

        QVERIFY(QFile::link(k8sFixture(QStringLiteral("outside/credentials.yaml")), manifests + QStringLiteral("/credentials.yaml")));
        const auto outside = importKubernetes({manifests.toStdString()});
        QVERIFY(!outside);
        const std::string link = (manifests + QStringLiteral("/credentials.yaml")).toStdString();
        QCOMPARE(outside.error(), link + " leads outside the folder " + manifests.toStdString()
                                      + " through a symbolic link; the import reads only files inside it");
        QVERIFY(outside.error().find("wJalr") == std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestImportConfine)
#include "tst_import_confine.moc"
