#pragma once

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>

class QTimer;

namespace bulkhead {

class Document;

/**
 * Autosave for crash recovery: while the document has unsaved changes it is written every
 * interval (30 s by default) to a recovery file of this process; a normal save or close
 * removes it. Recovery files left behind by processes that are gone are offered at the next
 * start.
 */
class RecoveryManager : public QObject
{
    Q_OBJECT

public:
    /** A recovery file whose process is no longer running. */
    struct Orphan
    {
        QString modelFile;
        QString metaFile;
        QString originalPath;
        QDateTime savedAt;
    };

    explicit RecoveryManager(Document *document, QObject *parent = nullptr);
    ~RecoveryManager() override;

    /** Where recovery files live (under the per-user application data directory). */
    static QString recoveryDirectory();
    /** The interval from BULKHEAD_AUTOSAVE_INTERVAL_MS, else 30 s. */
    static int defaultInterval();

    int interval() const;
    void setInterval(int milliseconds);
    QString recoveryFile() const;

    /** Writes the recovery file now if there are unsaved changes; removes it otherwise. */
    void autosave();
    /** Removes this process's recovery file. */
    void discard();

    static QList<Orphan> orphans();
    static void removeOrphan(const Orphan &orphan);

private:
    Document *m_document;
    QTimer *m_timer;
};

} // namespace bulkhead
