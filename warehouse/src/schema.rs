//! The diesel schema, shared by both backends (written by hand: the two migration folders
//! create the same tables, with `NUMERIC` on PostgreSQL where SQLite has `TEXT`).

diesel::table! {
    provinsi (code) {
        code -> Text,
        name -> Text,
        luas_km2 -> Nullable<model::sql::ExactNumeric>,
        penduduk -> Nullable<model::sql::ExactNumeric>,
    }
}

diesel::table! {
    kabupaten (code) {
        code -> Text,
        provinsi_code -> Text,
        name -> Text,
        short_name -> Text,
        kind -> Text,
        luas_km2 -> Nullable<model::sql::ExactNumeric>,
        penduduk -> Nullable<model::sql::ExactNumeric>,
    }
}

diesel::table! {
    kecamatan (code) {
        code -> Text,
        kabupaten_code -> Text,
        name -> Text,
    }
}

diesel::table! {
    indicator_concept (key) {
        key -> Text,
        name -> Text,
        synonyms -> Text,
        unit -> Nullable<Text>,
        direction -> Text,
        scale -> Nullable<Text>,
    }
}

diesel::table! {
    report (id) {
        id -> BigInt,
        kecamatan_code -> Text,
        tahun -> Integer,
        file_name -> Text,
        sha256 -> Text,
        parser_version -> Text,
        loaded_at -> Text,
        superseded_by -> Nullable<BigInt>,
        line_count -> Integer,
        kecamatan_printed -> Nullable<Text>,
        kabupaten_printed -> Nullable<Text>,
        identity_lines -> Text,
        camat_nama -> Nullable<Text>,
        camat_nip -> Nullable<Text>,
        camat_plt -> Bool,
        camat_lines -> Text,
        luas_km2 -> Nullable<model::sql::ExactNumeric>,
        penduduk -> Nullable<model::sql::ExactNumeric>,
        jumlah_asn -> Nullable<model::sql::ExactNumeric>,
        wilayah_lines -> Text,
        budget_tahun -> Nullable<Integer>,
        budget_pagu -> Nullable<model::sql::ExactNumeric>,
        budget_realisasi -> Nullable<model::sql::ExactNumeric>,
        budget_serapan_reported -> Nullable<model::sql::ExactNumeric>,
        budget_serapan_computed -> Nullable<model::sql::ExactNumeric>,
        budget_lines -> Text,
        synthetic -> Bool,
        taxonomy_version -> Nullable<Text>,
        revision -> Integer,
        original_sha256 -> Nullable<Text>,
        budget_confidence -> Nullable<Text>,
        budget_confidence_reasons -> Text,
        budget_confirmed -> Bool,
        page_starts -> Text,
    }
}

diesel::table! {
    indicator_fact (id) {
        id -> BigInt,
        report_id -> BigInt,
        position -> Integer,
        is_history -> Bool,
        level -> Nullable<Text>,
        raw_name -> Text,
        concept_key -> Nullable<Text>,
        unit -> Nullable<Text>,
        direction -> Nullable<Text>,
        tahun -> Integer,
        target -> Nullable<model::sql::ExactNumeric>,
        realisasi -> Nullable<model::sql::ExactNumeric>,
        capaian_reported -> Nullable<model::sql::ExactNumeric>,
        capaian_computed -> Nullable<model::sql::ExactNumeric>,
        lines -> Text,
        flags -> Text,
        confidence -> Nullable<Text>,
        confidence_reasons -> Text,
        confirmed -> Bool,
    }
}

diesel::table! {
    budget_line (id) {
        id -> BigInt,
        report_id -> BigInt,
        position -> Integer,
        level -> Text,
        kode -> Nullable<Text>,
        name -> Text,
        pagu -> Nullable<model::sql::ExactNumeric>,
        realisasi -> Nullable<model::sql::ExactNumeric>,
        serapan_reported -> Nullable<model::sql::ExactNumeric>,
        lines -> Text,
        flags -> Text,
        program_code -> Nullable<Text>,
        program_code_source -> Nullable<Text>,
        confidence -> Nullable<Text>,
        confidence_reasons -> Text,
        confirmed -> Bool,
    }
}

diesel::table! {
    village (id) {
        id -> BigInt,
        report_id -> BigInt,
        position -> Integer,
        nama -> Text,
        jenis -> Nullable<Text>,
        penduduk -> Nullable<model::sql::ExactNumeric>,
        lines -> Text,
    }
}

diesel::table! {
    satisfaction_survey (report_id) {
        report_id -> BigInt,
        nilai -> Nullable<model::sql::ExactNumeric>,
        nilai_recomputed -> Nullable<model::sql::ExactNumeric>,
        responden -> Nullable<model::sql::ExactNumeric>,
        mutu -> Nullable<Text>,
        lines -> Text,
        confidence -> Nullable<Text>,
        confidence_reasons -> Text,
        confirmed -> Bool,
    }
}

diesel::table! {
    extraction_issue (id) {
        id -> BigInt,
        report_id -> BigInt,
        position -> Integer,
        code -> Text,
        severity -> Text,
        message -> Text,
        lines -> Text,
    }
}

diesel::table! {
    report_line (report_id, line_no) {
        report_id -> BigInt,
        line_no -> Integer,
        text -> Text,
    }
}

diesel::table! {
    report_original (sha256) {
        sha256 -> Text,
        media_type -> Text,
        bytes -> Binary,
        reconstructed -> Bool,
    }
}

diesel::table! {
    figure_change (id) {
        id -> BigInt,
        report_id -> BigInt,
        previous_report_id -> Nullable<BigInt>,
        kecamatan_code -> Text,
        tahun -> Integer,
        fact_id -> Nullable<BigInt>,
        figure -> Text,
        concept_key -> Nullable<Text>,
        field -> Text,
        old_value -> Nullable<Text>,
        new_value -> Nullable<Text>,
        flags_before -> Text,
        flags_after -> Text,
        cause -> Text,
        revision -> Integer,
        data_version -> BigInt,
        changed_at -> Text,
    }
}

diesel::table! {
    reviewer (id) {
        id -> BigInt,
        email -> Text,
        password_hash -> Text,
        role -> Text,
        region_code -> Nullable<Text>,
        disabled -> Bool,
        failed_logins -> Integer,
        locked_until -> Nullable<Text>,
        created_at -> Text,
    }
}

diesel::table! {
    api_token (token_sha256) {
        token_sha256 -> Text,
        reviewer_id -> BigInt,
        label -> Text,
        created_at -> Text,
        revoked -> Bool,
    }
}

diesel::table! {
    figure_review (fact_id) {
        fact_id -> BigInt,
        status -> Text,
        target -> Nullable<model::sql::ExactNumeric>,
        realisasi -> Nullable<model::sql::ExactNumeric>,
        capaian -> Nullable<model::sql::ExactNumeric>,
        note -> Text,
        reviewer_id -> Nullable<BigInt>,
        reviewer_role -> Text,
        reviewer_region -> Nullable<Text>,
        reviewed_at -> Text,
        requeued -> Bool,
    }
}

diesel::table! {
    audit_log (id) {
        id -> BigInt,
        at -> Text,
        actor -> Text,
        action -> Text,
        subject -> Text,
        detail -> Text,
    }
}

diesel::table! {
    review_session (token_sha256) {
        token_sha256 -> Text,
        reviewer_id -> BigInt,
        created_at -> Text,
        last_seen_at -> Text,
        expires_at -> Text,
        revoked -> Bool,
    }
}

diesel::table! {
    error_report (id) {
        id -> BigInt,
        reference -> Text,
        fact_id -> BigInt,
        kecamatan_code -> Text,
        message -> Text,
        contact -> Nullable<Text>,
        status -> Text,
        resolution_note -> Text,
        resolved_role -> Nullable<Text>,
        resolved_region -> Nullable<Text>,
        resolved_at -> Nullable<Text>,
        created_at -> Text,
    }
}

diesel::joinable!(kabupaten -> provinsi (provinsi_code));
diesel::joinable!(kecamatan -> kabupaten (kabupaten_code));
diesel::joinable!(report -> kecamatan (kecamatan_code));
diesel::joinable!(indicator_fact -> report (report_id));
diesel::joinable!(budget_line -> report (report_id));
diesel::joinable!(village -> report (report_id));
diesel::joinable!(satisfaction_survey -> report (report_id));
diesel::joinable!(extraction_issue -> report (report_id));
diesel::joinable!(report_line -> report (report_id));
diesel::joinable!(figure_change -> kecamatan (kecamatan_code));
diesel::joinable!(api_token -> reviewer (reviewer_id));
diesel::joinable!(review_session -> reviewer (reviewer_id));

diesel::allow_tables_to_appear_in_same_query!(
    reviewer,
    api_token,
    figure_review,
    audit_log,
    review_session,
    error_report,
    provinsi,
    kabupaten,
    kecamatan,
    indicator_concept,
    report,
    indicator_fact,
    budget_line,
    village,
    satisfaction_survey,
    extraction_issue,
    report_line,
    report_original,
    figure_change,
);
