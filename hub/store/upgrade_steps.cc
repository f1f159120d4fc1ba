#include "hub/store/upgrade_steps.h"

#include "hub/common/status_macros.h"

namespace rosa::store {

absl::StatusOr<std::string> UpgradeStepMark(Connection& conn,
                                            std::string_view step) {
  ASSIGN_OR_RETURN(
      auto stmt,
      conn.Prepare("SELECT mark FROM upgrade_steps WHERE step = ?1"));
  stmt->Bind(1, step);
  ASSIGN_OR_RETURN(bool row, stmt->Step());
  if (!row) return std::string();
  return stmt->ColumnBlob(0);
}

absl::StatusOr<bool> RunUpgradeStepOnce(
    Connection& conn, std::string_view step, std::string_view mark,
    absl::FunctionRef<absl::Status()> work) {
  ASSIGN_OR_RETURN(const std::string done, UpgradeStepMark(conn, step));
  if (done == mark) return false;
  RETURN_IF_ERROR(work());
  ASSIGN_OR_RETURN(auto stmt,
                   conn.Prepare("INSERT INTO upgrade_steps (step, mark)"
                                " VALUES (?1, ?2) ON CONFLICT (step)"
                                " DO UPDATE SET mark = excluded.mark"));
  stmt->Bind(1, step).BindBlob(2, mark);
  RETURN_IF_ERROR(stmt->Run());
  return true;
}

}  // namespace rosa::store
