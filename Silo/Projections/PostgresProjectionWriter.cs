using CloudFilm.Grains.Abstractions.Patients;
using CloudFilm.Grains.Abstractions.Studies;
using CloudFilm.Grains.Projections;
using Npgsql;

namespace CloudFilm.Silo.Projections;

/// <summary>Upserts the patients and studies query tables (deploy/sql/0005).</summary>
public sealed class PostgresProjectionWriter(NpgsqlDataSource dataSource) : IProjectionWriter
{
    public async Task WriteStudyAsync(StudySnapshot study)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO studies (study_key, accession_number, patient_key, patient_name, campus, department, modality,
                                 exam_item, body_part, priority, patient_type, is_vip, status, registered_at, updated_at,
                                 is_unmatched, report_status)
            VALUES (@key, @accession, @patient, @name, @campus, @department, @modality, @item, @body, @priority,
                    @patientType, @vip, @status, @registered, @updated, @unmatched, @reportStatus)
            ON CONFLICT (study_key) DO UPDATE SET
                accession_number = excluded.accession_number, patient_key = excluded.patient_key,
                patient_name = excluded.patient_name, campus = excluded.campus, department = excluded.department,
                modality = excluded.modality, exam_item = excluded.exam_item, body_part = excluded.body_part,
                priority = excluded.priority, patient_type = excluded.patient_type, is_vip = excluded.is_vip,
                status = excluded.status, updated_at = excluded.updated_at,
                is_unmatched = excluded.is_unmatched, report_status = excluded.report_status
            WHERE studies.updated_at <= excluded.updated_at
            """);
        var order = study.Order;
        command.Parameters.AddWithValue("key", study.StudyKey);
        command.Parameters.AddWithValue("accession", order.AccessionNumber);
        command.Parameters.AddWithValue("patient", study.Patient.PatientKey);
        command.Parameters.AddWithValue("name", study.Patient.Name);
        command.Parameters.AddWithValue("campus", order.Campus);
        command.Parameters.AddWithValue("department", order.Department);
        command.Parameters.AddWithValue("modality", order.Modality);
        command.Parameters.AddWithValue("item", order.ExamItem);
        command.Parameters.AddWithValue("body", order.BodyPart);
        command.Parameters.AddWithValue("priority", order.Priority.ToString());
        command.Parameters.AddWithValue("patientType", order.PatientType.ToString());
        command.Parameters.AddWithValue("vip", order.IsVip);
        command.Parameters.AddWithValue("status", study.Status.ToString());
        command.Parameters.AddWithValue("registered", study.RegisteredAt.UtcDateTime);
        command.Parameters.AddWithValue("updated", study.UpdatedAt.UtcDateTime);
        command.Parameters.AddWithValue("unmatched", study.IsUnmatched);
        command.Parameters.AddWithValue("reportStatus", study.ReportStatus is { } r ? r.ToString() : DBNull.Value);
        await command.ExecuteNonQueryAsync();
    }

    public async Task WritePatientAsync(PatientSnapshot patient)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO patients (patient_key, patient_id, issuer, name, sex, birth_date, updated_at)
            VALUES (@key, @id, @issuer, @name, @sex, @birth, @updated)
            ON CONFLICT (patient_key) DO UPDATE SET
                name = excluded.name, sex = excluded.sex, birth_date = excluded.birth_date, updated_at = excluded.updated_at
            WHERE patients.updated_at <= excluded.updated_at
            """);
        var identity = patient.Identity;
        command.Parameters.AddWithValue("key", patient.PatientKey);
        command.Parameters.AddWithValue("id", identity.PatientId);
        command.Parameters.AddWithValue("issuer", identity.Issuer);
        command.Parameters.AddWithValue("name", identity.Name);
        command.Parameters.AddWithValue("sex", identity.Sex.ToString());
        command.Parameters.AddWithValue("birth", identity.BirthDate is { } d ? d : DBNull.Value);
        command.Parameters.AddWithValue("updated", patient.UpdatedAt.UtcDateTime);
        await command.ExecuteNonQueryAsync();
    }
}
