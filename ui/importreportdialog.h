#pragma once

#include <QDialog>

class QTreeWidget;

namespace bulkhead {

struct ImportReport;

/**
 * What an import did, sorted into mapped, flagged, skipped and validation findings, each with
 * the file and line it came from. Flagged findings are open at first: they are the point.
 */
class ImportReportDialog : public QDialog
{
    Q_OBJECT

public:
    ImportReportDialog(const QString &summary, const ImportReport &report,
                       QWidget *parent = nullptr);

    QTreeWidget *tree() const { return m_tree; }
    /** The report as plain text, as copied to the clipboard. */
    QString text() const { return m_text; }

private:
    void fitWidthToFindings();

    QTreeWidget *m_tree = nullptr;
    QString m_text;
};

} // namespace bulkhead
