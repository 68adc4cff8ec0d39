# Shell helpers of the benchmark scripts (sourced, not run): reading a figure from a result line
# such as "impl=cpp ... loop_s=1.092 ...", and the median of a column of figures.

# The value of KEY=value in the first line on stdin: field KEY
field() { grep -oE "(^| )$1=[^ ]+" | head -1 | cut -d= -f2; }

# The median of the numbers on stdin (the mean of the middle two for an even count), with $1 decimals.
median() { sort -g | awk -v d="$1" '{v[NR]=$1} END {printf "%.*f\n", d, (NR % 2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
