// Floating point: libm functions, conversions, rounding and special values.
#include <stdio.h>
#include <math.h>
#include <stdint.h>
#include <float.h>

static uint64_t bits(double d) {
    union { double d; uint64_t u; } v = { d };
    return v.u;
}

int main(void) {
    double acc = 0.0;
    float facc = 0.0f;
    for (int i = 1; i <= 2000; i++) {
        double x = i * 0.001;
        acc += sin(x) * cos(x) + sqrt(x) - log(1.0 + x) + exp(-x) + atan2(x, 1.0 - x) + pow(x, 1.5);
        facc += sqrtf((float)i) * 0.5f + fabsf(-(float)i / 3.0f);
    }
    printf("acc=%.12f facc=%.3f\n", acc, facc);
    printf("floor=%g ceil=%g trunc=%g round=%g rint=%g nearbyint=%g\n", floor(-2.5), ceil(-2.5), trunc(-2.5),
           round(-2.5), rint(2.5), nearbyint(3.5));
    printf("fmod=%g remainder=%g hypot=%g cbrt=%g\n", fmod(10.5, 3.0), remainder(10.5, 3.0), hypot(3, 4), cbrt(27));
    printf("min=%g max=%g copysign=%g\n", fmin(-0.0, 0.0), fmax(NAN, 1.0), copysign(3.0, -0.0));
    printf("inf=%f -inf=%f nan=%d isinf=%d\n", INFINITY, -INFINITY, isnan(NAN), isinf(1.0 / 0.0));
    printf("dbl_max=%g dbl_min=%g eps=%g\n", DBL_MAX, DBL_MIN, DBL_EPSILON);
    printf("conv: %d %u %lld %d %d\n", (int)-3.99, (unsigned)3.99e9, (long long)-1e18, (int)(float)16777217,
           (int)(signed char)(int)300.7);
    printf("i2f: %.1f %.1f %.9g\n", (double)INT64_MAX, (double)UINT64_MAX, (float)UINT32_MAX);
    printf("bits=%016llx %016llx\n", (unsigned long long)bits(acc), (unsigned long long)bits(-0.0));
    double harm = 0.0;
    for (int i = 1; i < 100000; i++) harm += 1.0 / i;
    printf("harmonic=%.15e\n", harm);
    return 0;
}
