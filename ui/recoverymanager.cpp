#include "recoverymanager.h"

#include "document.h"
#include "io/modelwriter.h"
#include "io/textfile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTimer>

#include <cerrno>

#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

namespace bulkhead {

namespace {

QString metaPathFor(const QString &modelFile)
{
    QString meta = modelFile;
    meta.replace(QStringLiteral(".bulkhead.json"), QStringLiteral(".meta.json"));
    return meta;
}

/** Recovery files hold whole models: readable by their owner only, whatever the umask says. */
SaveOptions privateFile()
{
    SaveOptions options;
    options.permissions = 0600;
    options.replaceReadOnly = true; // our own file, whatever became of its mode
    return options;
}

/**
 * The directory, made or tightened to 0700. False when it is not a directory of ours (a
 * symbolic link or someone else's directory there): then nothing is autosaved into it.
 */
bool makePrivateDirectory(const QString &path)
{
    const QByteArray name = QFile::encodeName(path);
    QDir().mkpath(QFileInfo(path).absolutePath());
    if (::mkdir(name.constData(), 0700) != 0 && errno != EEXIST)
        return false;
    struct stat info
    {};
    if (::lstat(name.constData(), &info) != 0 || !S_ISDIR(info.st_mode)
        || info.st_uid != ::geteuid())
        return false;
    // Made 0755 by an earlier version: close it now.
    return (info.st_mode & 07777) == 0700 || ::chmod(name.constData(), 0700) == 0;
}

bool processAlive(qint64 pid)
{
    return pid > 0 && (::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM);
}

} // namespace

RecoveryManager::RecoveryManager(Document *document, QObject *parent)
    : QObject(parent)
    , m_document(document)
    , m_timer(new QTimer(this))
{
    m_timer->setInterval(defaultInterval());
    connect(m_timer, &QTimer::timeout, this, &RecoveryManager::autosave);
    m_timer->start();
    // Saved, or undone back to the saved state: nothing left to recover.
    connect(document, &Document::modifiedChanged, this, [this](bool modified) {
        if (!modified)
            discard();
    });
}

RecoveryManager::~RecoveryManager()
{
    // Leaving normally (the user chose to save or discard): the file has served its purpose.
    discard();
}

QString RecoveryManager::recoveryDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation)
           + QStringLiteral("/recovery");
}

int RecoveryManager::defaultInterval()
{
    bool ok = false;
    const int configured = qEnvironmentVariableIntValue("BULKHEAD_AUTOSAVE_INTERVAL_MS", &ok);
    return ok && configured > 0 ? configured : 30000;
}

int RecoveryManager::interval() const
{
    return m_timer->interval();
}

void RecoveryManager::setInterval(int milliseconds)
{
    m_timer->setInterval(milliseconds);
}

QString RecoveryManager::recoveryFile() const
{
    return recoveryDirectory()
           + QStringLiteral("/%1.bulkhead.json").arg(QCoreApplication::applicationPid());
}

void RecoveryManager::autosave()
{
    if (!m_document->isModified()) {
        discard();
        return;
    }
    if (!makePrivateDirectory(recoveryDirectory()))
        return; // no safe place to put the model; the next tick tries again
    const QString file = recoveryFile();
    // The facts first, the model second: the model file is what marks an orphan, so a crash
    // between the two writes must not leave a model without its original path.
    const QJsonObject meta{
        {QStringLiteral("originalPath"), m_document->filePath()},
        {QStringLiteral("savedAt"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
        {QStringLiteral("pid"), QCoreApplication::applicationPid()}};
    if (!writeFileAtomically(QFile::encodeName(metaPathFor(file)).toStdString(),
                             QJsonDocument(meta).toJson().toStdString(), privateFile()))
        return; // a full disk must not interrupt editing; the next tick tries again
    writeFileAtomically(QFile::encodeName(file).toStdString(), writeModelText(m_document->model()),
                        privateFile());
}

void RecoveryManager::discard()
{
    const QString file = recoveryFile();
    QFile::remove(file);
    QFile::remove(metaPathFor(file));
}

QList<RecoveryManager::Orphan> RecoveryManager::orphans()
{
    QList<Orphan> found;
    const QDir dir(recoveryDirectory());
    for (const QString &name :
         dir.entryList({QStringLiteral("*.bulkhead.json")}, QDir::Files, QDir::Time)) {
        bool numeric = false;
        const qint64 pid = name.section(QLatin1Char('.'), 0, 0).toLongLong(&numeric);
        if (!numeric || pid == QCoreApplication::applicationPid() || processAlive(pid))
            continue; // another running Bulkhead's autosave is not an orphan
        Orphan orphan;
        orphan.modelFile = dir.filePath(name);
        orphan.metaFile = metaPathFor(orphan.modelFile);
        QFile meta(orphan.metaFile);
        if (meta.open(QIODevice::ReadOnly)) {
            const QJsonObject object = QJsonDocument::fromJson(meta.readAll()).object();
            orphan.originalPath = object.value(QStringLiteral("originalPath")).toString();
            orphan.savedAt = QDateTime::fromString(
                object.value(QStringLiteral("savedAt")).toString(), Qt::ISODate);
        }
        if (!orphan.savedAt.isValid())
            orphan.savedAt = QFileInfo(orphan.modelFile).lastModified();
        found.append(orphan);
    }
    return found;
}

void RecoveryManager::removeOrphan(const Orphan &orphan)
{
    QFile::remove(orphan.modelFile);
    QFile::remove(orphan.metaFile);
}

} // namespace bulkhead
