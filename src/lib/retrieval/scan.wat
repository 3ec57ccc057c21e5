;; The vector side's inner loop: int8 dot products with WebAssembly SIMD (128-bit), ~4× less memory
;; traffic than float32 and 16 lanes per instruction. scripts/retrieval/scan-wasm.ts compiles this
;; file into scan-wasm.ts (a unit test checks the two agree); vectors.ts runs it, or the same
;; arithmetic in JavaScript where WebAssembly SIMD is missing.
;;
;; scan(query, rows, scales, n, dim, out): for each of the n rows (dim int8 each, dim a multiple of
;; 16, stored one after another from `rows`), out[i] = f32(dot(row_i, query)) * scales[i].
;; i8 × i8 fits i16 (|-128 × -128| = 16384), pairs of those fit i32 lanes, and a 384-dim sum stays
;; far below 2^31: the integer part is exact, so JavaScript and WebAssembly give the same bits.
(module
  (memory (export "memory") 1)
  (func (export "scan") (param $q i32) (param $rows i32) (param $scales i32) (param $n i32) (param $dim i32) (param $out i32)
    (local $i i32) (local $j i32) (local $acc v128) (local $a v128) (local $b v128) (local $row i32)
    (local.set $row (local.get $rows))
    (block $done
      (loop $next_row
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $acc (v128.const i32x4 0 0 0 0))
        (local.set $j (i32.const 0))
        (loop $next_16
          (local.set $a (v128.load (i32.add (local.get $row) (local.get $j))))
          (local.set $b (v128.load (i32.add (local.get $q) (local.get $j))))
          (local.set $acc (i32x4.add (local.get $acc)
            (i32x4.extadd_pairwise_i16x8_s (i16x8.extmul_low_i8x16_s (local.get $a) (local.get $b)))))
          (local.set $acc (i32x4.add (local.get $acc)
            (i32x4.extadd_pairwise_i16x8_s (i16x8.extmul_high_i8x16_s (local.get $a) (local.get $b)))))
          (local.set $j (i32.add (local.get $j) (i32.const 16)))
          (br_if $next_16 (i32.lt_u (local.get $j) (local.get $dim))))
        (f32.store (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 2)))
          (f32.mul
            (f32.convert_i32_s (i32.add
              (i32.add (i32x4.extract_lane 0 (local.get $acc)) (i32x4.extract_lane 1 (local.get $acc)))
              (i32.add (i32x4.extract_lane 2 (local.get $acc)) (i32x4.extract_lane 3 (local.get $acc)))))
            (f32.load (i32.add (local.get $scales) (i32.shl (local.get $i) (i32.const 2))))))
        (local.set $row (i32.add (local.get $row) (local.get $dim)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next_row)))))
