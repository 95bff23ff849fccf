#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rtcm_report::fuzzing::front_matter(data));
