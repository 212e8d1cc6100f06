#pragma once

#include "analysis/diagnostic.h"
#include "core/threatmodel.h"

#include <QObject>
#include <QString>

#include <vector>

namespace bulkhead {

class Catalog;

/**
 * The open threat model as the UI sees it: owns the ThreatModel, knows its file and keeps the
 * validation findings current. Views read from it and never own model data.
 */
class Document : public QObject
{
    Q_OBJECT

public:
    explicit Document(const Catalog &catalog, QObject *parent = nullptr);

    const ThreatModel &model() const { return m_model; }
    const Catalog &catalog() const { return m_catalog; }
    const std::vector<Diagnostic> &diagnostics() const { return m_diagnostics; }

    /** Empty for a new, never saved document. */
    QString filePath() const { return m_filePath; }
    /** The file name, or "Untitled" for a new document. */
    QString displayName() const;

    /**
     * Replaces the document with the file's model. On failure the current model stays as it
     * was and errorMessage holds the loader's one-line message.
     */
    bool load(const QString &path, QString *errorMessage);

Q_SIGNALS:
    /** The whole model was replaced (a file was opened). */
    void modelReset();

private:
    void revalidate();

    const Catalog &m_catalog;
    ThreatModel m_model;
    QString m_filePath;
    std::vector<Diagnostic> m_diagnostics;
};

} // namespace bulkhead
